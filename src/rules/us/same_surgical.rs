//! Step 2: the same surgical procedure exception (21 CFR 1271.15(b)).

use super::*;

// Step 2: the same surgical procedure exception (21 CFR 1271.15(b))
// ---------------------------------------------------------------------------------------------

/// The implied steps the record's step list omits, as the `preparation.implies` fact (fail
/// closed: an SVF was isolated, a culture-expanded lot was cultured), when there are any.
pub(super) fn implied_fact(p: &Profile<'_>) -> Option<Fact> {
    let implied = p.unstated_implied_steps();
    (!implied.is_empty())
        .then(|| Fact::terms("preparation.implies", implied.iter().copied()).as_derived())
}

pub(super) fn same_surgical_procedure(p: &Profile<'_>, f: &mut Finding) {
    let product = p.product;
    let mut missing = PathList::new();
    let mut not_met: Option<(&'static str, &'static Reason)> = None;

    match product.donor {
        Some(donor) => {
            f.add(Fact::code("donor", donor.code()));
            if !donor.is_autologous() {
                not_met.get_or_insert(("donor", &reasons::EXCEPTION_COVERS_ONLY_CELLS_REMOVED));
            }
        }
        None => missing.push("donor"),
    }

    let processing = product.processing.as_ref();
    match processing.and_then(|p| p.same_surgical_procedure) {
        Some(same) => {
            f.add(Fact::flag("processing.same_surgical_procedure", same));
            if !same {
                not_met.get_or_insert((
                    "processing.same_surgical_procedure",
                    &reasons::REMOVAL_IMPLANTATION_SAME_SURGICAL_PROCEDURE,
                ));
            }
        }
        None => missing.push("processing.same_surgical_procedure"),
    }

    match p.stated_steps {
        Some(steps) => {
            f.add(Fact::terms("processing.steps", steps.iter().copied()));
        }
        None => missing.push("processing.steps"),
    }
    f.add_opt(implied_fact(p));
    // Steps the courts' reading puts outside "such HCT/P" decide; steps no source keeps within
    // it leave the exception open.
    let ending = Codes::of_terms(
        p.known_steps()
            .filter(|s| s.info().ends_same_surgical_procedure),
    );
    let mut decided_by_courts = false;
    if !ending.is_empty() {
        if not_met.is_none() {
            decided_by_courts = true;
        }
        not_met.get_or_insert((
            "processing.steps",
            &reasons::STEP_ISOLATES_CELLS_FROM_TISSUE,
        ));
        f.add(
            Fact::new(
                "processing.steps.beyond_such_hctp",
                FactValue::Codes(ending),
            )
            .as_derived(),
        );
    }
    // The open steps matter only while nothing else decides the exception.
    let open = if not_met.is_none() {
        Codes::of_terms(p.known_steps().filter(|s| {
            let info = s.info();
            !info.keeps_same_surgical_procedure && !info.ends_same_surgical_procedure
        }))
    } else {
        Codes::default()
    };
    let open_steps = !open.is_empty();
    if open_steps {
        f.add(
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
                f.add(Fact::terms("processing.added_articles.other_articles", others).as_derived());
            }
        }
        None => missing.push("processing.added_articles"),
    }

    if let Some((path, reason)) = not_met {
        conclude(f, Outcome::NotMet).point_at(path).why(reason);
        if decided_by_courts {
            f.rest_on(Basis::CourtDecision);
        }
    } else if open_steps {
        // No source keeps the step within "such HCT/P", and the courts require the HCT/P
        // removed and the one implanted to be the same: the exception is open. No fact a record
        // could add settles it (only FDA can), so only the facts the exception lacks besides
        // are missing.
        conclude(f, Outcome::Undetermined)
            .point_at("processing.steps")
            .why(&reasons::STEP_OTHER_THAN_RINSING_CLEANSING)
            .lack_all(&missing)
            .rest_on(Basis::CourtDecision);
    } else if !missing.is_empty() {
        conclude(f, Outcome::Undetermined)
            .point_at("processing.same_surgical_procedure")
            .why(&reasons::EXCEPTION_NEEDS_AUTOLOGOUS_USE_REMOVAL)
            .lack_all(&missing);
    } else {
        conclude(f, Outcome::Met)
            .point_at("processing.same_surgical_procedure")
            .why(&reasons::AUTOLOGOUS_CELLS_REMOVED_IMPLANTED_SAME)
            .rest_on(Basis::Guidance);
    }
}

// ---------------------------------------------------------------------------------------------
