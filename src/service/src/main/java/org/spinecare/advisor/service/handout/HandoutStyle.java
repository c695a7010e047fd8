package org.spinecare.advisor.service.handout;

/** The handout's stylesheet, inline so that the saved or printed page needs nothing else. */
final class HandoutStyle {
    static final String CSS = """
            body { font: 18px/1.5 system-ui, sans-serif; color: #111; background: #fff; margin: 0; }
            main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }
            h1 { font-size: 1.7rem; margin: 0.5rem 0; }
            h2 { font-size: 1.35rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid #333; }
            h3 { font-size: 1.15rem; margin: 0 0 0.3rem; }
            .for { font-weight: bold; }
            .first { border: 3px solid #333; border-radius: 8px; padding: 0.2rem 1rem; }
            .first.emergency, .first.urgent { border-color: #a30000; background: #fff1f1; }
            .first.routine { border-color: #8a5a00; background: #fff8e6; }
            .first.self_care { border-color: #1d5e20; background: #f1f9f1; }
            .first h2 { border: 0; }
            .technique { display: grid; grid-template-columns: 200px 1fr; column-gap: 1rem;
                         border-top: 1px solid #999; padding: 0.6rem 0; break-inside: avoid; }
            .technique > * { grid-column: 2; }
            .note { border-top: 1px solid #999; padding: 0.6rem 0; break-inside: avoid; }
            .note p { margin: 0.2rem 0; }
            .technique > figure { grid-column: 1; grid-row: 1 / span 5; margin: 0; color: #1b3a6b; }
            ol, ul { margin: 0.3rem 0; padding-left: 1.4rem; }
            .dose { margin: 0.3rem 0; }
            .help { break-inside: avoid; }
            footer { margin-top: 2rem; font-size: 0.9rem; color: #333; }
            @media (max-width: 36rem) { .technique { display: block; } }
            @media print {
              body { font-size: 12pt; }
              main { max-width: none; padding: 0; }
              .first, .first.emergency, .first.urgent, .first.routine, .first.self_care { background: none; }
              h2 { break-after: avoid; }
              @page { margin: 15mm; }
            }
            """;

    private HandoutStyle() {
    }
}
