// The clinicians' page: renders the published screening Questionnaire as a form, posts the answers as a CDS Hooks
// patient-view call with the QuestionnaireResponse in prefetch, and shows the cards as an EHR would.
// A link may pre-fill answers and submit: /?answers=FEVER:PRESENT,AGE_YEARS:52&submit=1
"use strict";

const SERVICE = "/cds-services/spine-lower-back";
const PATIENT_ID = "page-demo";
let questionnaire;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c]));
}

// Enough Markdown for the cards' detail: paragraphs, bold, code and two levels of lists. Escapes first.
function markdown(md) {
  const inline = s => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/`(.+?)`/g, "<code>$1</code>");
  let html = "", depth = 0;
  for (const line of md.split("\n")) {
    const item = line.match(/^(\s*)- (.*)$/);
    const level = item ? (item[1].length >= 2 ? 2 : 1) : 0;
    while (depth < level) { html += "<ul>"; depth++; }
    while (depth > level) { html += "</ul>"; depth--; }
    if (item) html += "<li>" + inline(item[2]) + "</li>";
    else if (line.trim()) html += "<p>" + inline(line) + "</p>";
  }
  while (depth-- > 0) html += "</ul>";
  return html;
}

function field(item) {
  const label = document.createElement("label");
  label.textContent = item.text;
  let input;
  if (item.type === "integer") {
    input = document.createElement("input");
    input.type = "number";
    input.step = "1";
    input.inputMode = "numeric";
    // The Questionnaire's minValue/maxValue are the service's ranges: the browser refuses 52.5 or 11 before sending.
    for (const e of item.extension || []) {
      if (e.url === "http://hl7.org/fhir/StructureDefinition/minValue") input.min = String(e.valueInteger);
      if (e.url === "http://hl7.org/fhir/StructureDefinition/maxValue") input.max = String(e.valueInteger);
    }
  } else {
    input = document.createElement("select");
    const options = item.type === "boolean"
      ? [["", "not asked"], ["true", "yes"], ["false", "no"]]
      : [["", "not asked"]].concat(item.answerOption.map(o => o.valueCoding)
          .filter(c => c.code !== "NOT_ASKED").map(c => [c.code, c.display || c.code]));
    for (const [value, text] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      input.appendChild(option);
    }
  }
  input.name = item.linkId;
  input.id = item.linkId;
  label.appendChild(input);
  return label;
}

function render(form) {
  const submit = document.getElementById("submit");
  document.getElementById("loading").remove();
  for (const group of questionnaire.item) {
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = group.text;
    set.appendChild(legend);
    group.item.forEach(item => set.appendChild(field(item)));
    form.insertBefore(set, submit);
  }
  submit.disabled = false;
}

function answer(item, value) {
  if (item.type === "integer") return {valueInteger: Number(value)};
  if (item.type === "boolean") return {valueBoolean: value === "true"};
  const coding = item.answerOption.map(o => o.valueCoding).find(c => c.code === value);
  return {valueCoding: {system: coding.system, code: coding.code}};
}

function questionnaireResponse(form) {
  const groups = [];
  for (const group of questionnaire.item) {
    const items = [];
    for (const item of group.item) {
      const value = form.elements[item.linkId].value;
      if (value !== "") items.push({linkId: item.linkId, answer: [answer(item, value)]});
    }
    if (items.length) groups.push({linkId: group.linkId, item: items});
  }
  return {resourceType: "QuestionnaireResponse", questionnaire: questionnaire.url,
    status: "completed", subject: {reference: "Patient/" + PATIENT_ID}, item: groups};
}

// Search Bundles as a FHIR server returns them: a self link naming the query, a fullUrl and search mode per entry.
function search(query, resources) {
  return {resourceType: "Bundle", type: "searchset", total: resources.length,
    link: [{relation: "self", url: query}],
    entry: resources.map(r => ({fullUrl: "urn:uuid:" + crypto.randomUUID(), resource: r, search: {mode: "match"}}))};
}

const INDICATORS = {critical: "Critical", warning: "Warning", info: "Information"};

function cardHtml(card) {
  const links = (card.links || []).map(link => "<li><a href=\"" + escapeHtml(link.url) + "\">"
    + escapeHtml(link.label) + "</a></li>").join("");
  return "<article class=\"card " + escapeHtml(card.indicator) + "\" data-uuid=\"" + escapeHtml(card.uuid) + "\">"
    + "<span class=\"indicator\">" + escapeHtml(INDICATORS[card.indicator] || card.indicator) + "</span>"
    + "<h3>" + escapeHtml(card.summary) + "</h3>"
    + "<div class=\"detail\">" + markdown(card.detail || "") + "</div>"
    + (links ? "<ul class=\"links\">" + links + "</ul>" : "")
    + "<div class=\"source\">" + escapeHtml(card.source.label) + "</div></article>";
}

function show(result, html) {
  result.innerHTML = "<h2 id=\"result-heading\" tabindex=\"-1\">Cards</h2>" + html;
  document.getElementById("result-heading").focus();
}

async function submit(form) {
  const result = document.getElementById("result");
  if (!form.reportValidity()) return;
  result.innerHTML = "<h2 id=\"result-heading\" tabindex=\"-1\">Cards</h2><p>Asking the service…</p>";
  const call = {
    hook: "patient-view", hookInstance: crypto.randomUUID(),
    context: {userId: "Practitioner/page-user", patientId: PATIENT_ID},
    prefetch: {
      patient: {resourceType: "Patient", id: PATIENT_ID},
      conditions: search("Condition?patient=" + PATIENT_ID, []),
      observations: search("Observation?patient=" + PATIENT_ID, []),
      screening: search("QuestionnaireResponse?subject=Patient/" + PATIENT_ID + "&questionnaire="
        + encodeURIComponent(questionnaire.url), [questionnaireResponse(form)])
    }
  };
  const response = await fetch(SERVICE, {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify(call)});
  const body = await response.json();
  if (!response.ok) {
    show(result, "<p class=\"problem\" role=\"alert\">" + escapeHtml(response.status + " " + (body.field || "")
      + ": " + body.detail) + "</p>");
    return;
  }
  show(result, body.cards.length ? body.cards.map(cardHtml).join("")
    : "<p>No cards: these answers hold nothing about a lower-back complaint, so the service stays silent, as it "
      + "would on any chart without one.</p>");
  result.dataset.state = "shown";
}

function prefill(form) {
  const params = new URLSearchParams(location.search);
  for (const pair of (params.get("answers") || "").split(",").filter(Boolean)) {
    const [name, value] = pair.split(":");
    if (form.elements[name]) form.elements[name].value = value;
  }
  return params.get("submit") === "1";
}

async function start() {
  const form = document.getElementById("screening");
  const response = await fetch("/fhir/Questionnaire/spine-screening");
  questionnaire = await response.json();
  render(form);
  form.addEventListener("submit", event => { event.preventDefault(); submit(form); });
  if (prefill(form)) await submit(form);
}

start().catch(error => {
  show(document.getElementById("result"), "<p class=\"problem\" role=\"alert\">" + escapeHtml(String(error))
    + "</p>");
});
