//! The ATMP class: somatic cell therapy, tissue-engineered, gene therapy, combined.

use super::*;

/// Art 2(1)(a)-(b), Art 2(4) and Dir 2001/83/EC Annex I Part IV: which ATMP class.
pub(super) fn atmp_class(product: &Product) -> (EuClassification, Finding) {
    let steps = known_steps(product);
    let functions = claimed_functions(product);
    let intended = product.intended_use.as_ref();
    let indications = intended.and_then(|u| u.indications_known());
    let has_indication = indications.is_some_and(|i| !i.is_empty());
    let mechanisms = product.mechanisms_known().unwrap_or_default();

    let base = Finding::new(RuleId::EuAtmpClass, Outcome::Met, Severity::Info)
        .fact(Fact::terms("derived.steps_known", steps.iter().copied()).as_derived())
        .fact(Fact::terms("derived.functions_claimed", functions.iter().copied()).as_derived())
        .fact(Fact::terms("mechanisms", mechanisms.iter().copied()));

    let recombinant_effect = product
        .processing
        .as_ref()
        .and_then(|p| p.effect_from_recombinant_nucleic_acid);
    let modified = steps.contains(&ProcessingStep::GeneticModification);
    if modified {
        let gtmp = base
            .clone()
            .at("processing.effect_from_recombinant_nucleic_acid");
        let gtmp = match recombinant_effect {
            Some(value) => gtmp.fact(Fact::flag(
                "processing.effect_from_recombinant_nucleic_acid",
                value,
            )),
            None => gtmp,
        };
        match recombinant_effect {
            Some(true) => {
                let class = EuClassification::GeneTherapy;
                return (
                    class,
                    gtmp.fact(Fact::code("derived.class", class.code()).as_derived())
                        .because(&reasons::BOTH_CONDITIONS_GTMP_DEFINITION_DIRECTIVE),
                );
            }
            None => {
                let class = EuClassification::AtmpClassUndetermined;
                return (
                    class,
                    Finding {
                        outcome: Outcome::Undetermined,
                        severity: Severity::Warning,
                        ..gtmp
                            .fact(Fact::code("derived.class", class.code()).as_derived())
                            .because(&reasons::CELLS_WERE_GENETICALLY_MODIFIED_SO)
                            .missing("processing.effect_from_recombinant_nucleic_acid")
                    },
                );
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

    let base = base.at(basis);
    let (class, finding) = if repair_claim && non_viable {
        (
            EuClassification::Undetermined,
            Finding {
                outcome: Outcome::Undetermined,
                severity: Severity::Warning,
                ..base
                    .fact(preparation_fact(product))
                    .because(&reasons::ART_2_1_B_EXCLUDES)
            },
        )
    } else if repair_claim && immunological_claim {
        (
            EuClassification::TissueEngineeredProduct,
            Finding {
                severity: Severity::Warning,
                ..base.because(&reasons::PRESENTED_BOTH_REPAIR_REPLACE_TISSUE)
            },
        )
    } else if repair_claim {
        (
            EuClassification::TissueEngineeredProduct,
            base.because(&reasons::PRODUCT_PRESENTED_REGENERATE_REPAIR_REPLACE),
        )
    } else if immunological_claim || mechanism_claim {
        (
            EuClassification::SomaticCellTherapy,
            base.because(&reasons::PRODUCT_PRESENTED_TREAT_DISEASE_THROUGH),
        )
    } else {
        let mut open = Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base.because(&reasons::CLAIMED_FUNCTION_MECHANISM_POINTS_TEP)
        };
        // Facts whose presence could settle the class, when they are absent: a declared
        // function, an indication (which implies functions), a mechanism.
        if intended.and_then(|u| u.functions_known()).is_none() {
            open = open.missing("intended_use.functions");
        }
        if indications.is_none() {
            open = open.missing("intended_use.indications");
        }
        if product.mechanisms_known().is_none() {
            open = open.missing("mechanisms");
        }
        (EuClassification::AtmpClassUndetermined, open)
    };
    let finding = finding.fact(Fact::code("derived.class", class.code()).as_derived());
    let finding = if modified {
        // Genetically modified, but the record states that condition (b) of the GTMP
        // definition fails: not a GTMP, and the class followed the claims.
        finding.fact(Fact::flag(
            "processing.effect_from_recombinant_nucleic_acid",
            false,
        ))
    } else {
        finding
    };
    (class, finding)
}
