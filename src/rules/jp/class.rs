//! The ASRM risk class (I, II, III).

use super::*;

/// ASRM Art 2(5): allogeneic, animal or genetically modified cells.
pub(super) fn class_i(product: &Product) -> Finding {
    let mut base = step_facts(
        Finding::new(
            RuleId::JpAsrmClassI,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("donor"),
        product,
    );
    if let Some(donor) = product.donor {
        base = base.fact(Fact::code("donor", donor.code()));
    }
    if is_genetically_modified(product) {
        return Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .at("processing.steps")
                .because(&reasons::GENES_WERE_INTRODUCED_INTO_CELLS)
        };
    }
    match product.donor {
        Some(d) if d.is_allogeneic() => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(&reasons::CELLS_COME_FROM_PERSON_OTHER)
        },
        Some(crate::Donor::Xenogeneic) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(&reasons::ANIMAL_CELLS)
        },
        None => base
            .because(&reasons::WHO_CELLS_COME_FROM_GIVEN)
            .missing("donor"),
        Some(_) => {
            let unsettled = unsettled_steps(product);
            if steps(product).is_none() {
                base.because(&reasons::PATIENT_S_OWN_CELLS_BUT_2)
                    .missing("processing.steps")
            } else if unsettled.contains(&ProcessingStep::Unclassified.code()) {
                // The steps are given; what is open is what the unclassified one is.
                base.because(&reasons::PATIENT_S_OWN_CELLS_BUT)
            } else {
                Finding {
                    outcome: Outcome::NotMet,
                    severity: Severity::Info,
                    ..base.because(&reasons::PATIENT_S_OWN_CELLS_GENETICALLY)
                }
            }
        }
    }
}

/// MHLW notice 医政研発1031第1号: homologous use — cells with a function like that of the cells
/// at the target site (the shared homologous-use analysis, on the site of use).
pub(super) fn homologous_use(h: &homologous::Homologous<'_>) -> Finding {
    let base = h.open_finding(RuleId::JpHomologousUse);
    match h.verdict {
        HomologousVerdict::Homologous => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(&reasons::EVERY_DECLARED_IMPLIED_FUNCTION_BASIC)
        },
        HomologousVerdict::NotHomologous(why) => Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.at(why.path()).because(why.reason())
        },
        HomologousVerdict::Undetermined => {
            let mut open = base.because(&reasons::FACT_COMPARISON_FUNCTIONS_NEEDS_MISSING);
            for path in &h.missing {
                open = open.missing(path);
            }
            open
        }
    }
}

/// Class II: cultured cells or non-homologous use (criteria not confirmed against the ordinance).
pub(super) fn class_ii(product: &Product, homologous: Outcome) -> Finding {
    let base = step_facts(
        Finding::new(
            RuleId::JpAsrmClassII,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("processing.steps"),
        product,
    )
    .fact(Fact::flag("derived.cultured", is_cultured(product)).as_derived());
    let unsettled = unsettled_steps(product);
    if is_cultured(product) {
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(&reasons::CULTURED_CELLS_CRITERION_SUMMARISED_MHLW)
        }
    } else if homologous == Outcome::NotMet {
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .at("intended_use.functions")
                .because(&reasons::NON_HOMOLOGOUS_USE_CRITERION_SUMMARISED)
        }
    } else if steps(product).is_none() || product.preparation.is_none() {
        let mut open = base.because(&reasons::CULTURE_CANNOT_RULED_OUT_PROCESSING);
        if steps(product).is_none() {
            open = open.missing("processing.steps");
        }
        if product.preparation.is_none() {
            open = open.missing("preparation");
        }
        open
    } else if !unsettled.is_empty() {
        base.fact(Fact::code_list("derived.unsettled_steps", unsettled).as_derived())
            .because(&reasons::STEP_WHOSE_ASRM_CLASS_CRATE)
    } else if homologous == Outcome::Met && may_be_somatic_stem_cells(product) {
        // Uncultured cells for homologous use: Class III on the culture and homologous-use
        // criteria alone, but the summaries of the ordinance list human somatic stem cells as a
        // Class II category of their own. The ordinance's text was not read: open.
        let base = match product.preparation {
            Some(p) => base.fact(Fact::code("preparation", p.code())),
            None => base,
        };
        let base = match product.designation {
            Some(d) => base.fact(Fact::code("designation", d.code())),
            None => base,
        };
        base.at("preparation")
            .fact(Fact::flag("derived.may_be_somatic_stem_cells", true).as_derived())
            .because(&reasons::UNCULTURED_CELLS_HOMOLOGOUS_USE_WHICH)
    } else if homologous == Outcome::Met {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because(&reasons::UNCULTURED_CELLS_HOMOLOGOUS_USE_SOMATIC)
        }
    } else {
        base.because(&reasons::WHETHER_USE_HOMOLOGOUS_DECIDED)
    }
}
