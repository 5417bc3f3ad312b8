//! The ATMP class: somatic cell therapy, tissue-engineered, gene therapy, combined.

use super::*;

/// Art 2(1)(a)-(b), Art 2(4) and Dir 2001/83/EC Annex I Part IV: which ATMP class. Written by
/// the second step for cells that are engineered; fills in `f` (met and informational to start
/// with) and returns the class.
pub(super) fn atmp_class(p: &Profile<'_>, f: &mut Finding) -> EuClassification {
    let product = p.product;
    let functions = claimed_functions(product);
    let intended = product.intended_use.as_ref();
    let indications = intended.and_then(|u| u.indications_known());
    let has_indication = indications.is_some_and(|i| !i.is_empty());
    let mechanisms = product.mechanisms_known().unwrap_or_default();

    f.add(Fact::terms("derived.steps_known", p.known_steps()).as_derived())
        .add(Fact::terms("derived.functions_claimed", functions.iter().copied()).as_derived())
        .add(Fact::terms("mechanisms", mechanisms.iter().copied()));

    let recombinant_effect = product
        .processing
        .as_ref()
        .and_then(|p| p.effect_from_recombinant_nucleic_acid);
    let modified = p.known_step(ProcessingStep::GeneticModification);
    if modified {
        const GTMP_PATH: &str = "processing.effect_from_recombinant_nucleic_acid";
        match recombinant_effect {
            Some(true) => {
                let class = EuClassification::GeneTherapy;
                f.point_at(GTMP_PATH)
                    .add(Fact::flag(GTMP_PATH, true))
                    .add(Fact::code("derived.class", class.code()).as_derived())
                    .why(&reasons::BOTH_CONDITIONS_GTMP_DEFINITION_DIRECTIVE);
                return class;
            }
            None => {
                let class = EuClassification::AtmpClassUndetermined;
                f.point_at(GTMP_PATH)
                    .judge(Outcome::Undetermined, Severity::Warning)
                    .add(Fact::code("derived.class", class.code()).as_derived())
                    .why(&reasons::CELLS_WERE_GENETICALLY_MODIFIED_SO)
                    .lack(GTMP_PATH);
                return class;
            }
            // Condition (b) fails: not a GTMP; the class follows the claims below.
            Some(false) => {}
        }
    }

    // The claims that decide the class: what the product is presented to do, taken from the
    // most specific evidence there is. First the declared functions; then the mechanisms that
    // name a mode of action (cells becoming tissue: repair; immunomodulation: immunological);
    // then the functions the indications imply. A generic pharmacological mechanism (paracrine
    // signalling, vesicles) for an indication decides only when none of those does.
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let claims = |fs: &[TissueFunction]| {
        (
            fs.iter().any(|f| is_regenerative(*f)),
            fs.contains(&TissueFunction::Immunomodulation),
        )
    };
    let by_mechanism = (
        mechanisms.contains(&Mechanism::DifferentiationEngraftment),
        mechanisms.contains(&Mechanism::Immunomodulation),
    );
    let ((repair_claim, immunological_claim), basis) = if claims(declared) != (false, false) {
        (claims(declared), "intended_use.functions")
    } else if by_mechanism != (false, false) {
        (by_mechanism, "mechanisms")
    } else {
        (indication_claims(product), "intended_use.indications")
    };
    let mechanism_claim = has_indication && mechanisms.iter().any(|m| is_pharmacological(*m));
    let non_viable = product.preparation.is_some_and(|p| !p.info().live_cells);

    f.point_at(basis);
    let class = if repair_claim && non_viable {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .add(preparation_fact(product))
            .why(&reasons::ART_2_1_B_EXCLUDES);
        EuClassification::Undetermined
    } else if repair_claim && immunological_claim {
        f.judge(Outcome::Met, Severity::Warning)
            .why(&reasons::PRESENTED_BOTH_REPAIR_REPLACE_TISSUE);
        EuClassification::TissueEngineeredProduct
    } else if repair_claim {
        f.why(&reasons::PRODUCT_PRESENTED_REGENERATE_REPAIR_REPLACE);
        EuClassification::TissueEngineeredProduct
    } else if immunological_claim || mechanism_claim {
        f.why(&reasons::PRODUCT_PRESENTED_TREAT_DISEASE_THROUGH);
        EuClassification::SomaticCellTherapy
    } else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::CLAIMED_FUNCTION_MECHANISM_POINTS_TEP);
        // Facts whose presence could settle the class, when they are absent: a declared
        // function, an indication (which implies functions), a mechanism.
        if intended.and_then(|u| u.functions_known()).is_none() {
            f.lack("intended_use.functions");
        }
        if indications.is_none() {
            f.lack("intended_use.indications");
        }
        if product.mechanisms_known().is_none() {
            f.lack("mechanisms");
        }
        EuClassification::AtmpClassUndetermined
    };
    f.add(Fact::code("derived.class", class.code()).as_derived());
    if modified {
        // Genetically modified, but the record states that condition (b) of the GTMP
        // definition fails: not a GTMP, and the class followed the claims.
        f.add(Fact::flag(
            "processing.effect_from_recombinant_nucleic_acid",
            false,
        ));
    }
    class
}
