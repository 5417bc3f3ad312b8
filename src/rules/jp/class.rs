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
                .because("genes were introduced into the cells")
        };
    }
    match product.donor {
        Some(d) if d.is_allogeneic() => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("the cells come from a person other than the patient")
        },
        Some(crate::Donor::Xenogeneic) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("animal cells")
        },
        None => base
            .because("who the cells come from is not given")
            .missing("donor"),
        Some(_) => {
            let unsettled = unsettled_steps(product);
            if steps(product).is_none() {
                base.because("the patient's own cells, but without a processing record genetic modification cannot be ruled out")
                    .missing("processing.steps")
            } else if unsettled.contains(&ProcessingStep::Unclassified.code()) {
                // The steps are given; what is open is what the unclassified one is.
                base.because("the patient's own cells, but an unclassified step could be a genetic modification")
            } else {
                Finding {
                    outcome: Outcome::NotMet,
                    severity: Severity::Info,
                    ..base.because("the patient's own cells, not genetically modified (an ES or iPS source cannot be recorded in this crate's vocabulary)")
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
            ..base.because("every declared and implied function is a basic function of the source tissue and is performed by the cells at the target site")
        },
        HomologousVerdict::NotHomologous(why) => Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.at(why.path()).because(why.reason())
        },
        HomologousVerdict::Undetermined => {
            let mut open = base.because("a fact the comparison of functions needs is missing");
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
            ..base.because(
                "cultured cells (criterion as summarised; MHLW Ordinance No. 110 not confirmed)",
            )
        }
    } else if homologous == Outcome::NotMet {
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .at("intended_use.functions")
                .because("non-homologous use (criterion as summarised; MHLW Ordinance No. 110 not confirmed)")
        }
    } else if steps(product).is_none() || product.preparation.is_none() {
        let mut open =
            base.because("culture cannot be ruled out: the processing steps and the kind of preparation both say whether the cells were cultured");
        if steps(product).is_none() {
            open = open.missing("processing.steps");
        }
        if product.preparation.is_none() {
            open = open.missing("preparation");
        }
        open
    } else if !unsettled.is_empty() {
        base.fact(Fact::code_list("derived.unsettled_steps", unsettled).as_derived())
            .because("a step whose ASRM class the crate's sources do not settle")
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
            .because("uncultured cells for homologous use, which would be Class III on the culture and homologous-use criteria alone; but the preparation holds, or may hold, human somatic stem cells (体性幹細胞: marrow cells, adipose-derived stem cells, cord blood, as MHLW notice 薬食発0907第3号 (7 Sep 2012) defines them), and published summaries of the Class II criteria of MHLW Ordinance No. 110 list human somatic stem cells as a Class II category whatever the culture or the use, placing the patient's own adipose-derived stem cells in Class II; the ordinance's text could not be read to confirm it, so the class is left open (Class II on that reading)")
    } else if homologous == Outcome::Met {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because("uncultured cells for homologous use, with no somatic stem cells recorded, so Class III; the Class II criteria are not confirmed against MHLW Ordinance No. 110, so confirm with the MHLW classification flowchart")
        }
    } else {
        base.because("whether the use is homologous is not decided")
    }
}
