//! The ASRM risk class (I, II, III).

use super::*;

/// Why the cells are Class I, when the record shows they are (ASRM Art 2(5)): genes were
/// introduced, or the cells come from another person or an animal. The path and reason of
/// the met Class I finding; `None` when the record does not show it. The one place the crate
/// decides "Class I shown": [`class_i`] writes it, and the rules after Class I run only without
/// it ([`Runs::ClassOpen`]).
pub(super) fn class_i_shown(p: &Profile<'_>) -> Option<(&'static str, &'static Reason)> {
    if is_genetically_modified(p) {
        return Some((
            "processing.steps",
            &reasons::GENES_WERE_INTRODUCED_INTO_CELLS,
        ));
    }
    match p.product.donor {
        Some(d) if d.is_allogeneic() => Some(("donor", &reasons::CELLS_COME_FROM_PERSON_OTHER)),
        Some(crate::Donor::Xenogeneic) => Some(("donor", &reasons::ANIMAL_CELLS)),
        Some(_) | None => None,
    }
}

/// ASRM Art 2(5): allogeneic, animal or genetically modified cells.
pub(super) fn class_i(p: &Profile<'_>, _on: Date, f: &mut Finding) {
    f.judge(Outcome::Undetermined, Severity::Warning)
        .point_at("donor");
    step_facts(p, f);
    let donor = p.product.donor;
    f.add_opt(donor.map(|d| Fact::code("donor", d.code())));
    if let Some((path, reason)) = class_i_shown(p) {
        f.judge(Outcome::Met, Severity::Info)
            .point_at(path)
            .why(reason);
        return;
    }
    if donor.is_none() {
        f.why(&reasons::WHO_CELLS_COME_FROM_GIVEN).lack("donor");
    } else if p.stated_steps.is_none() {
        f.why(&reasons::PATIENT_S_OWN_CELLS_BUT_2)
            .lack("processing.steps");
    } else if unsettled_steps(p).contains(&ProcessingStep::Unclassified.code()) {
        // The steps are given; what is open is what the unclassified one is.
        f.why(&reasons::PATIENT_S_OWN_CELLS_BUT);
    } else {
        f.judge(Outcome::NotMet, Severity::Info)
            .why(&reasons::PATIENT_S_OWN_CELLS_GENETICALLY);
    }
}

/// The outcome of the homologous-use criterion for the homologous-use comparison's verdict: met
/// for a homologous use. Read by [`homologous_use`], which writes it, and by [`class_ii`], whose
/// criterion is a use that is not homologous.
pub(super) const fn homologous_outcome(verdict: HomologousVerdict) -> Outcome {
    match verdict {
        HomologousVerdict::Homologous => Outcome::Met,
        HomologousVerdict::NotHomologous(_) => Outcome::NotMet,
        HomologousVerdict::Undetermined => Outcome::Undetermined,
    }
}

/// MHLW notice 医政研発1031第1号: homologous use — cells with a function like that of the cells
/// at the target site (the shared homologous-use analysis, on the site of use).
pub(super) fn homologous_use(p: &Profile<'_>, _on: Date, f: &mut Finding) {
    let h = p.homologous();
    h.open(f);
    match h.verdict {
        HomologousVerdict::Homologous => {
            f.judge(homologous_outcome(h.verdict), Severity::Info)
                .why(&reasons::EVERY_DECLARED_IMPLIED_FUNCTION_BASIC);
        }
        HomologousVerdict::NotHomologous(why) => {
            f.judge(homologous_outcome(h.verdict), Severity::Info)
                .point_at(why.path())
                .why(why.reason());
        }
        HomologousVerdict::Undetermined => {
            f.why(&reasons::FACT_COMPARISON_FUNCTIONS_NEEDS_MISSING)
                .lack_all(&h.missing);
        }
    }
}

/// Class II: cultured cells or non-homologous use (criteria not confirmed against the
/// ordinance). Homologous use is read from the comparison ([`homologous_outcome`]), as the
/// homologous-use finding before it states it.
pub(super) fn class_ii(p: &Profile<'_>, _on: Date, f: &mut Finding) {
    let product = p.product;
    f.judge(Outcome::Undetermined, Severity::Warning)
        .point_at("processing.steps");
    step_facts(p, f);
    f.add(Fact::flag("derived.cultured", p.cultured).as_derived());
    if p.cultured {
        f.judge(Outcome::Met, Severity::Info)
            .why(&reasons::CULTURED_CELLS_CRITERION_SUMMARISED_MHLW);
        return;
    }
    let homologous = homologous_outcome(p.homologous().verdict);
    let unsettled = unsettled_steps(p);
    if homologous == Outcome::NotMet {
        f.judge(Outcome::Met, Severity::Info)
            .point_at("intended_use.functions")
            .why(&reasons::NON_HOMOLOGOUS_USE_CRITERION_SUMMARISED);
    } else if p.stated_steps.is_none() || product.preparation.is_none() {
        f.why(&reasons::CULTURE_CANNOT_RULED_OUT_PROCESSING);
        if p.stated_steps.is_none() {
            f.lack("processing.steps");
        }
        if product.preparation.is_none() {
            f.lack("preparation");
        }
    } else if !unsettled.is_empty() {
        f.add(Fact::code_list("derived.unsettled_steps", unsettled).as_derived())
            .why(&reasons::STEP_WHOSE_ASRM_CLASS_CRATE);
    } else if homologous == Outcome::Met && may_be_somatic_stem_cells(product) {
        // Uncultured cells for homologous use: Class III on the culture and homologous-use
        // criteria alone, but the summaries of the ordinance list human somatic stem cells as a
        // Class II category of their own. The ordinance's text was not read: open.
        f.add_opt(
            product
                .preparation
                .map(|x| Fact::code("preparation", x.code())),
        )
        .add_opt(
            product
                .designation
                .map(|d| Fact::code("designation", d.code())),
        )
        .point_at("preparation")
        .add(Fact::flag("derived.may_be_somatic_stem_cells", true).as_derived())
        .why(&reasons::UNCULTURED_CELLS_HOMOLOGOUS_USE_WHICH);
    } else if homologous == Outcome::Met {
        // Class III; the severity stays a warning, as the ordinance's criteria were not read.
        f.judge(Outcome::NotMet, Severity::Warning)
            .why(&reasons::UNCULTURED_CELLS_HOMOLOGOUS_USE_SOMATIC);
    } else {
        f.why(&reasons::WHETHER_USE_HOMOLOGOUS_DECIDED);
    }
}
