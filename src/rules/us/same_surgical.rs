//! Step 2: the same surgical procedure exception (21 CFR 1271.15(b)).

use super::*;

// Step 2: the same surgical procedure exception (21 CFR 1271.15(b))
// ---------------------------------------------------------------------------------------------

/// The steps a preparation cannot be made without that the record's step list omits (fail
/// closed: an SVF was isolated, a culture-expanded lot was cultured).
pub(super) fn implied_steps(product: &Product) -> StepBuf {
    let listed = product
        .processing
        .as_ref()
        .and_then(|p| p.steps_known())
        .unwrap_or_default();
    product
        .preparation
        .map(|p| p.info().implies)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|s| !listed.contains(s))
        .collect()
}

pub(super) fn implied_fact(implied: &[ProcessingStep]) -> Option<Fact> {
    (!implied.is_empty())
        .then(|| Fact::terms("preparation.implies", implied.iter().copied()).as_derived())
}

pub(super) fn same_surgical_procedure(product: &Product) -> Finding {
    const RULE: RuleId = RuleId::UsSameSurgicalProcedure;
    let mut facts = Facts::new();
    let mut missing = Paths::new();
    let mut not_met: Option<(&'static str, &'static Reason)> = None;

    match product.donor {
        Some(donor) => {
            facts.push(Fact::code("donor", donor.code()));
            if !donor.is_autologous() {
                not_met.get_or_insert(("donor", &reasons::EXCEPTION_COVERS_ONLY_CELLS_REMOVED));
            }
        }
        None => missing.push("donor"),
    }

    let processing = product.processing.as_ref();
    match processing.and_then(|p| p.same_surgical_procedure) {
        Some(same) => {
            facts.push(Fact::flag("processing.same_surgical_procedure", same));
            if !same {
                not_met.get_or_insert((
                    "processing.same_surgical_procedure",
                    &reasons::REMOVAL_IMPLANTATION_SAME_SURGICAL_PROCEDURE,
                ));
            }
        }
        None => missing.push("processing.same_surgical_procedure"),
    }

    let implied = implied_steps(product);
    let listed = processing.and_then(|p| p.steps_known());
    match listed {
        Some(steps) => facts.push(Fact::terms("processing.steps", steps.iter().copied())),
        None => missing.push("processing.steps"),
    }
    facts.extend(implied_fact(&implied));
    let all_steps = || {
        listed
            .unwrap_or_default()
            .iter()
            .chain(implied.iter())
            .copied()
    };
    // Steps the courts' reading puts outside "such HCT/P" decide; steps no source keeps within
    // it leave the exception open.
    let ending = Codes::of_terms(all_steps().filter(|s| s.info().ends_same_surgical_procedure));
    let mut decided_by_courts = false;
    if !ending.is_empty() {
        if not_met.is_none() {
            decided_by_courts = true;
        }
        not_met.get_or_insert((
            "processing.steps",
            &reasons::STEP_ISOLATES_CELLS_FROM_TISSUE,
        ));
        facts.push(
            Fact::new(
                "processing.steps.beyond_such_hctp",
                FactValue::Codes(ending),
            )
            .as_derived(),
        );
    }
    // The open steps matter only while nothing else decides the exception.
    let open = if not_met.is_none() {
        Codes::of_terms(all_steps().filter(|s| {
            let info = s.info();
            !info.keeps_same_surgical_procedure && !info.ends_same_surgical_procedure
        }))
    } else {
        Codes::default()
    };
    let open_steps = !open.is_empty();
    if open_steps {
        facts.push(
            Fact::new(
                "processing.steps.not_shown_to_keep_such_hctp",
                FactValue::Codes(open),
            )
            .as_derived(),
        );
    }

    match processing.and_then(|p| p.added_articles_known()) {
        Some(articles) => {
            let others: TermBuf<AddedArticle> = articles
                .iter()
                .filter(|a| !a.info().allowed_by_1271_10_a_3)
                .copied()
                .collect();
            if !others.is_empty() {
                not_met.get_or_insert((
                    "processing.added_articles",
                    &reasons::COMBINED_ANOTHER_ARTICLE_CELLS_LONGER,
                ));
                facts.push(
                    Fact::terms("processing.added_articles.other_articles", others).as_derived(),
                );
            }
        }
        None => missing.push("processing.added_articles"),
    }

    if let Some((path, reason)) = not_met {
        let finding = finish(RULE, Outcome::NotMet, path, reason, facts, missing);
        if decided_by_courts {
            finding.based_on(Basis::CourtDecision)
        } else {
            finding
        }
    } else if open_steps {
        // No source keeps the step within "such HCT/P", and the courts require the HCT/P
        // removed and the one implanted to be the same: the exception is open. No fact a record
        // could add settles it (only FDA can), so only the facts the exception lacks besides
        // are missing.
        finish(
            RULE,
            Outcome::Undetermined,
            "processing.steps",
            &reasons::STEP_OTHER_THAN_RINSING_CLEANSING,
            facts,
            missing,
        )
        .based_on(Basis::CourtDecision)
    } else if !missing.is_empty() {
        finish(
            RULE,
            Outcome::Undetermined,
            "processing.same_surgical_procedure",
            &reasons::EXCEPTION_NEEDS_AUTOLOGOUS_USE_REMOVAL,
            facts,
            missing,
        )
    } else {
        finish(
            RULE,
            Outcome::Met,
            "processing.same_surgical_procedure",
            &reasons::AUTOLOGOUS_CELLS_REMOVED_IMPLANTED_SAME,
            facts,
            missing,
        )
        .based_on(Basis::Guidance)
    }
}

// ---------------------------------------------------------------------------------------------
