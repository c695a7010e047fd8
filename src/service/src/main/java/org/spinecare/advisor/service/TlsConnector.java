package org.spinecare.advisor.service;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The only connector when the configuration gives a key store: TLS served by Jetty itself, from a PKCS#12 file
 * (certificate chain and private key), on the configured host and port. No plain HTTP port is opened.
 */
final class TlsConnector {
    private TlsConnector() {
    }

    static ServerConnector create(Server server, HttpConfiguration http, ServiceConfig config) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(config.transport().keyStore().toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        if (config.transport().keyStorePassword() != null) {
            tls.setKeyStorePassword(config.transport().keyStorePassword());
        }
        // The certificate names the public host; clients behind a load balancer may connect by another name.
        tls.setSniRequired(false);
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }
}
