//! The rule table as Markdown: the page `docs/rules.md` that the [`RuleId`] documentation
//! includes, generated from the same table the engines read.

use crate::RuleId;
use std::fmt::Write as _;

/// The heading of each family of rules, by the first segment of the machine name.
const FAMILIES: &[(&str, &str)] = &[
    ("us.", "US: 21 CFR Part 1271"),
    ("quality.", "Release quality"),
    (
        "eu.",
        "EU: Regulation (EC) No 1394/2007 and Directive 2004/23/EC",
    ),
    ("jp.", "Japan: the ASRM and the PMD Act"),
    ("offer.", "Clinic offers: the patient's checklist"),
    ("law.", "The law's dates (every engine)"),
];

/// `text` made safe inside a Markdown table cell: no pipe, no line break, and no `<` that a
/// renderer could read as an HTML tag (`USP <85>`).
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// When the rule's law holds, if the crate knows a start or an end: ` (from 2027-08-07)`.
fn holds(rule: RuleId) -> String {
    match (rule.holds_from(), rule.holds_until()) {
        (None, None) => String::new(),
        (Some(from), None) => format!(" (from {from})"),
        (None, Some(until)) => format!(" (until {until})"),
        (Some(from), Some(until)) => format!(" ({from} to {until})"),
    }
}

/// Writes one table row per rule (machine name, label and summary, citation, explanation);
/// returns how many were written.
fn write_rows(out: &mut String, rules: &[RuleId]) -> usize {
    for rule in rules {
        let info = rule.info();
        let _ = writeln!(
            out,
            "| `{}` | **{}.** {} | {}{} | {} | {} |",
            rule.code(),
            cell(rule.label()),
            cell(info.summary),
            rule.basis().label(),
            holds(*rule),
            cell(info.citation),
            cell(info.explanation),
        );
    }
    rules.len()
}

/// The reason tables, by the letter their codes start with.
const REASON_FAMILIES: &[(char, &str)] = &[
    ('U', "United States (21 CFR 1271)"),
    ('Q', "Release quality"),
    ('E', "European Union"),
    ('J', "Japan"),
    ('O', "The patient's checklist for a clinic's offer"),
    (
        'H',
        "Homologous use (shared by the US, EU and Japanese rules)",
    ),
    ('D', "An authority's recorded determination"),
    ('L', "Rules every engine shares"),
];

impl RuleId {
    /// **The whole rule table as Markdown**: for every rule, grouped by jurisdiction, its
    /// machine name, summary, citation and explanation, in table order; then every
    /// [`Reason`](crate::Reason) with its code.
    ///
    /// It is the text of `docs/rules.md`, which the documentation of [`RuleId`] shows (a test
    /// keeps the file equal to this output; `cargo run --example export_schemas` rewrites it).
    /// Integrators can render the same table in their own documentation or forms.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::RuleId;
    ///
    /// let table = RuleId::table_markdown();
    /// assert!(table.contains("| `us.cfr1271.10.a.1` |"));
    /// assert!(table.contains(RuleId::UsMinimalManipulation.info().citation));
    /// ```
    #[must_use]
    pub fn table_markdown() -> String {
        let mut out = String::new();
        out.push_str(
            "Every rule the crate applies, generated from the `RuleId` table. The machine \
             name is stable: store it, search for it, link to it.\n",
        );
        let mut written = 0;
        for &(prefix, heading) in FAMILIES {
            let rules: Vec<RuleId> = RuleId::ALL
                .iter()
                .copied()
                .filter(|r| r.code().starts_with(prefix))
                .collect();
            if rules.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                "\n## {heading}\n\n| machine name | rule | basis | citation | explanation |\n|---|---|---|---|---|\n"
            );
            written += write_rows(&mut out, &rules);
        }
        let other: Vec<RuleId> = RuleId::ALL
            .iter()
            .copied()
            .filter(|r| !FAMILIES.iter().any(|(p, _)| r.code().starts_with(p)))
            .collect();
        if !other.is_empty() {
            out.push_str(
                "\n## Other rules\n\n| machine name | rule | basis | citation | explanation |\n|---|---|---|---|---|\n",
            );
            written += write_rows(&mut out, &other);
        }
        debug_assert_eq!(written, RuleId::ALL.len());
        out.push_str(
            "\n## Reasons\n\nEvery reason a finding can give, one row of its engine's reason table: the code \
             (which the compact JSON form writes as `reason_code`, and the full form beside the \
             sentence) and the sentence. A code keeps its meaning; a new meaning gets a new code.\n",
        );
        for &(letter, heading) in REASON_FAMILIES {
            let _ = write!(out, "\n### {heading}\n\n| code | reason |\n|---|---|\n");
            for reason in crate::Reason::all().filter(|r| r.code().starts_with(letter)) {
                let _ = writeln!(out, "| `{}` | {} |", reason.code(), cell(reason.text()));
            }
        }
        out
    }
}
