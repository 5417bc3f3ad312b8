//! Text output for people: lines wrapped at 80 columns, each citation given once as a numbered
//! note (`[1]`, `[2]` …) listed at the end, built from the reports' data (rule, outcome,
//! severity, reason, facts, citation) rather than from the library's `Display` text.

use msc_therapy::document::RegistryStudy;
use msc_therapy::engine::jp::JpAssessment;
use msc_therapy::engine::offer::{Expectation, OfferEvaluation, PatientVerdict};
use msc_therapy::engine::quality::QualityReport;
use msc_therapy::engine::us::UsAssessment;
use msc_therapy::finding::FactRole;
use msc_therapy::{Finding, Outcome, ProductAssessment, Severity};
use textwrap::{Options, WordSplitter};

/// The width of every line of text output, in terminal columns.
pub const WIDTH: usize = 80;

/// A page of text being written: its lines, and the citations its notes will list.
#[derive(Default)]
pub struct Page {
    text: String,
    notes: Vec<&'static str>,
}

impl Page {
    /// An empty page.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of the note that gives `citation`: the same number each time it is cited.
    pub fn cite(&mut self, citation: &'static str) -> usize {
        match self.notes.iter().position(|c| *c == citation) {
            Some(i) => i + 1,
            None => {
                self.notes.push(citation);
                self.notes.len()
            }
        }
    }

    /// A paragraph, wrapped; continuation lines start under the first.
    pub fn line(&mut self, text: &str) {
        self.hanging("", "", text);
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `text` wrapped at [`WIDTH`], the first line starting with `first`, the others with
    /// `rest` (hanging indentation).
    pub fn hanging(&mut self, first: &str, rest: &str, text: &str) {
        let options = Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            // Rule ids, field paths and dates stay whole: no break at their hyphens.
            .word_splitter(WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, &options) {
            self.text.push_str(line.trim_end());
            self.text.push('\n');
        }
    }

    /// A list item: `  - text`, continuation lines under the text.
    pub fn bullet(&mut self, depth: usize, text: &str) {
        let indent = "  ".repeat(depth);
        self.hanging(&format!("{indent}- "), &format!("{indent}  "), text);
    }

    /// The page, with its notes at the end.
    pub fn finish(mut self) -> String {
        if !self.notes.is_empty() {
            self.blank();
            self.line("Notes (sources):");
            let notes = std::mem::take(&mut self.notes);
            let width = notes.len().to_string().len();
            for (i, citation) in notes.iter().enumerate() {
                let mark = format!(
                    "  [{n}]{pad} ",
                    n = i + 1,
                    pad = " ".repeat(width - (i + 1).to_string().len())
                );
                let rest = " ".repeat(mark.chars().count());
                self.hanging(&mark, &rest, citation);
            }
        }
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        self.text
    }
}

/// Text written by a library `Display` (the what-if answers), each line wrapped at [`WIDTH`]:
/// a continuation keeps the line's indentation, two columns further in (under the text of a
/// numbered or bulleted item).
pub fn display(page: &mut Page, text: &str) {
    for line in text.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        // Under the text of `1. `, `- `, or two columns in.
        let marker = body
            .split_once(' ')
            .map(|(first, _)| first)
            .filter(|first| {
                *first == "-"
                    || (first.ends_with('.') && first[..first.len() - 1].parse::<u32>().is_ok())
            })
            .map_or(2, |first| first.chars().count() + 1);
        let rest = format!("{indent}{}", " ".repeat(marker));
        page.hanging(indent, &rest, body);
    }
}

/// What the patient should take from the verdict, in one sentence.
fn verdict_sentence(verdict: PatientVerdict) -> &'static str {
    match verdict {
        PatientVerdict::WalkAway => {
            "the offer shows red flags the source texts say to walk away from."
        }
        PatientVerdict::AskFirst => "get answers to the questions below before agreeing.",
        // Good signs (the vocabulary is `#[non_exhaustive]`).
        _ => {
            "the checklist found good signs; this is still a medical decision to take with your physician."
        }
    }
}

/// A finding as a patient reads it: what the rule found (its reason, else its summary), the
/// rule's id, and the note of its source.
fn patient_item(page: &mut Page, finding: &Finding) {
    let text = finding
        .reason
        .map_or(finding.summary(), |reason| reason.text());
    let note = page.cite(finding.rule.info().citation);
    page.bullet(1, &format!("{text} ({}) [{note}]", finding.rule));
}

/// One group of an offer's findings, under its heading; nothing when the group is empty.
fn patient_group<'a>(page: &mut Page, title: &str, findings: impl Iterator<Item = &'a Finding>) {
    let mut findings = findings.peekable();
    if findings.peek().is_none() {
        return;
    }
    page.blank();
    page.line(&format!("{title}:"));
    for finding in findings {
        patient_item(page, finding);
    }
}

/// A clinic offer's evaluation, for the patient.
pub fn offer(page: &mut Page, evaluation: &OfferEvaluation) {
    page.line(&format!(
        "Verdict: {} — {}",
        evaluation.verdict.label(),
        verdict_sentence(evaluation.verdict)
    ));
    patient_group(page, "Walk away", evaluation.walk_away.iter());
    patient_group(page, "Ask first", evaluation.ask_first.iter());
    patient_group(page, "Good signs", evaluation.good_signs.iter());
    let notes = evaluation
        .notes
        .iter()
        .filter(|n| n.outcome != Outcome::NotApplicable);
    patient_group(page, "For your information", notes);
    if !evaluation.questions.is_empty() {
        page.blank();
        page.line("Questions to ask the clinic:");
        let width = evaluation.questions.len().to_string().len();
        for (i, question) in evaluation.questions.iter().enumerate() {
            let mark = format!("  {:>width$}. ", i + 1);
            let rest = " ".repeat(mark.chars().count());
            page.hanging(&mark, &rest, question.label());
        }
    }
    if !evaluation.expectations.is_empty() {
        page.blank();
        page.line("What to expect:");
        for expectation in &evaluation.expectations {
            expectation_item(page, *expectation);
        }
    }
    page.blank();
    if let Some(us) = &evaluation.us {
        page.line(&format!(
            "US classification (21 CFR Part 1271): {}",
            us.classification.label()
        ));
    }
    if let Some(eu) = &evaluation.eu {
        page.line(&format!(
            "EU classification (Regulation (EC) No 1394/2007): {}",
            eu.classification.label()
        ));
    }
    if let Some(jp) = &evaluation.jp {
        page.line(&format!(
            "Japanese classification: ASRM {}, PMD Act {}",
            jp.risk_class.label(),
            jp.pmd_act.label()
        ));
    }
    page.line(&format!(
        "Release quality: {}",
        evaluation.quality.verdict.label()
    ));
}

fn expectation_item(page: &mut Page, expectation: Expectation) {
    let info = expectation.info();
    let note = page.cite(info.citation);
    page.bullet(1, &format!("{} [{note}]", info.text));
}

/// A finding as a laboratory or regulatory reader reads it: outcome and severity, the rule, its
/// summary, the reason, the facts used and the facts missing, its basis, and the note of its
/// source.
fn technical_text(page: &mut Page, finding: &Finding, with_severity: bool) -> String {
    let mut text = if with_severity {
        format!(
            "[{} · {}] ",
            finding.outcome.label(),
            finding.severity.label()
        )
    } else {
        format!("[{}] ", finding.outcome.label())
    };
    text.push_str(&format!("{}: {}", finding.rule, finding.summary()));
    if let Some(reason) = &finding.reason {
        text.push_str(&format!(" — {reason}"));
    }
    if !finding.facts.is_empty() {
        let facts: Vec<String> = finding
            .facts
            .iter()
            .map(|fact| match fact.role {
                FactRole::Limit => format!("limit {fact}"),
                _ => fact.to_string(),
            })
            .collect();
        text.push_str(&format!(" ({})", facts.join("; ")));
    }
    if !finding.missing.is_empty() {
        let missing: Vec<&str> = finding.missing.iter().map(AsRef::as_ref).collect();
        text.push_str(&format!("; missing: {}", missing.join(", ")));
    }
    // What the conclusion rests on: the regulation's text, guidance, a court decision … or
    // only the crate's own reading.
    text.push_str(&format!("; basis: {}", finding.basis.label()));
    let note = page.cite(finding.rule.info().citation);
    text.push_str(&format!(" [{note}]"));
    text
}

/// The US classification: outcome, consequence, failed criteria, missing facts, each step.
fn us(page: &mut Page, us: &UsAssessment) {
    page.line(&format!(
        "US classification (21 CFR Part 1271): {}",
        us.classification.label()
    ));
    let note = page.cite(us.citation);
    page.hanging("  ", "  ", &format!("{} [{note}]", us.consequence));
    if !us.failed.is_empty() {
        let failed: Vec<String> = us
            .failed
            .iter()
            .map(|rule| format!("{rule} ({})", rule.label()))
            .collect();
        page.hanging("  Criteria not met: ", "    ", &failed.join("; "));
    }
    if !us.missing.is_empty() {
        let missing: Vec<&str> = us.missing.iter().map(AsRef::as_ref).collect();
        page.hanging("  Missing facts: ", "    ", &missing.join(", "));
    }
    page.line("  Steps:");
    let width = us.findings.len().to_string().len();
    for (i, finding) in us.findings.iter().enumerate() {
        let mark = format!("    {:>width$}. ", i + 1);
        let rest = " ".repeat(mark.chars().count());
        let text = technical_text(page, finding, true);
        page.hanging(&mark, &rest, &text);
    }
}

/// The release-quality report: the verdict, then the findings grouped by severity.
fn quality(page: &mut Page, report: &QualityReport) {
    page.line(&format!("Release quality: {}", report.verdict.label()));
    for severity in Severity::ALL {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == *severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        page.line(&format!(
            "  {} ({}):",
            capitalised(severity.label()),
            group.len()
        ));
        for finding in group {
            let text = technical_text(page, finding, false);
            page.bullet(2, &text);
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn jp_headline(jp: &JpAssessment) -> String {
    format!(
        "Japan: ASRM {}; PMD Act {}",
        jp.risk_class.label(),
        jp.pmd_act.label()
    )
}

/// Every engine's report on one product.
pub fn product(page: &mut Page, assessment: &ProductAssessment<'_>) {
    for line in assessment.product.to_string().lines() {
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        page.hanging(&indent, &format!("{indent}    "), line.trim_start());
    }
    page.blank();
    us(page, &assessment.us);
    page.blank();
    quality(page, &assessment.quality);
    page.blank();
    page.line(&format!(
        "EU classification (Regulation (EC) No 1394/2007): {}",
        assessment.eu.classification.label()
    ));
    for finding in &assessment.eu.findings {
        let text = technical_text(page, finding, true);
        page.bullet(1, &text);
    }
    page.blank();
    page.line(&jp_headline(&assessment.jp));
    for finding in &assessment.jp.findings {
        let text = technical_text(page, finding, true);
        page.bullet(1, &text);
    }
}

/// A ClinicalTrials.gov study record, as the crate reads it.
pub fn study(page: &mut Page, study: &RegistryStudy) {
    match &study.brief_title {
        Some(title) => page.line(&format!("{}: {title}", study.nct_id)),
        None => page.line(study.nct_id.as_ref()),
    }
    if let Some(kind) = study.study_type {
        page.hanging("  Study type: ", "    ", kind.label());
    }
    let phases = study.phases.as_ref().map_or_else(
        || "none (no phases in the record)".to_owned(),
        |phases| {
            let labels: Vec<&str> = phases.as_slice().iter().map(|p| p.label()).collect();
            labels.join(", ")
        },
    );
    page.hanging("  Phases: ", "    ", &phases);
    let mut status = study.status.label().to_owned();
    if let Some(last) = study.last_known_status {
        status.push_str(&format!(" (last known: {})", last.label()));
    }
    page.hanging("  Status: ", "    ", &status);
    page.hanging(
        "  Results posted: ",
        "    ",
        match study.has_results {
            Some(true) => "yes (what they show is not read from the record)",
            Some(false) => "no",
            None => "not stated",
        },
    );
    if let Some(conditions) = &study.conditions {
        page.line("  Conditions:");
        if conditions.is_empty() {
            page.bullet(2, "none listed");
        }
        for condition in conditions {
            let text = match condition.indication {
                Some(indication) => format!(
                    "{} → {} ({})",
                    condition.text,
                    indication.code(),
                    indication.label()
                ),
                None => format!(
                    "{} (no indication of the crate's vocabulary)",
                    condition.text
                ),
            };
            page.bullet(2, &text);
        }
    }
    if let Some(interventions) = &study.interventions {
        page.line("  Interventions:");
        if interventions.is_empty() {
            page.bullet(2, "none listed");
        }
        for intervention in interventions {
            page.bullet(
                2,
                &format!("{}: {}", intervention.kind.label(), intervention.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_cited_twice_keeps_its_number() {
        let mut page = Page::new();
        assert_eq!(page.cite("A"), 1);
        assert_eq!(page.cite("B"), 2);
        assert_eq!(page.cite("A"), 1);
        let text = page.finish();
        assert!(text.contains("  [1] A\n"), "{text}");
        assert!(text.ends_with("  [2] B\n"), "{text}");
    }

    #[test]
    fn long_text_wraps_at_80_columns_with_a_hanging_indent() {
        let mut page = Page::new();
        let word = "abcdefghi ";
        page.bullet(1, &word.repeat(30));
        let text = page.finish();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 1, "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert!(lines[0].starts_with("  - abcdefghi"));
        assert!(lines[1].starts_with("    abcdefghi"));
    }
}
