//! Whether the Act on the Safety of Regenerative Medicine (ASRM) applies.

use super::*;

pub(super) fn asrm(
    product: &Product,
    shared: &homologous::Shared<'_>,
    findings: &mut Vec<Finding>,
    on: Date,
) -> AsrmRiskClass {
    // Only a settled "no cells" ends the analysis. An open scope question (no living cells, an
    // unstated preparation, a possible blood stem cell transplant) is a finding of its own, and
    // the class is still worked out as if ASRM applied: the reading that keeps its review in
    // force, so that a fact taken away never turns a class into a lower one.
    let scope = asrm_scope(product, on);
    let scope_outcome = scope.outcome;
    findings.push(scope);
    if scope_outcome == Outcome::NotMet {
        return AsrmRiskClass::OutsideAsrm;
    }
    if is_cell_free(product) {
        // Open only because the preparation might be gene therapy (ASRM as amended from
        // 31 May 2025): the cell categories of the classes do not fit a cell-free product, so
        // the class stays open too.
        return AsrmRiskClass::Undetermined;
    }

    let intended = product.intended_use.as_ref();
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let implied_blood = intended
        .and_then(|u| u.indications_known())
        .unwrap_or_default()
        .iter()
        .any(|i| i.info().implies.contains(&TissueFunction::Hematopoiesis));
    let forms_blood = declared.contains(&TissueFunction::Hematopoiesis)
        || implied_blood
        || product.preparation == Some(CellPreparation::CordBloodUnit);
    if forms_blood {
        let excluded = shared
            .get()
            .open_finding(RuleId::JpAsrmExcluded)
            .because("cells given to form blood may be a haematopoietic stem cell transplantation, which the Order excludes from ASRM; the crate does not decide whether this use is one, and gives the class the technology has if ASRM applies");
        findings.push(excluded);
    }

    let class_i = class_i(product);
    let class_i_outcome = class_i.outcome;
    findings.push(class_i);
    if class_i_outcome == Outcome::Met {
        return AsrmRiskClass::ClassI;
    }

    let homologous = homologous_use(shared.get());
    let homologous_outcome = homologous.outcome;
    findings.push(homologous);

    let class_ii = class_ii(product, homologous_outcome);
    let class_ii_outcome = class_ii.outcome;
    findings.push(class_ii);

    match (class_i_outcome, class_ii_outcome) {
        (Outcome::NotMet, Outcome::Met) => AsrmRiskClass::ClassII,
        (Outcome::NotMet, Outcome::NotMet) => AsrmRiskClass::ClassIII,
        // Class I open (a met Class I returned above), or Class II open: the class is open.
        (Outcome::Met | Outcome::Undetermined | Outcome::NotApplicable, _)
        | (Outcome::NotMet, Outcome::Undetermined | Outcome::NotApplicable) => {
            AsrmRiskClass::Undetermined
        }
    }
}

/// ASRM Art 2: does the technology use processed cells (or, from 31 May 2025, is it gene
/// therapy)?
pub(super) fn asrm_scope(product: &Product, on: Date) -> Finding {
    let base = Finding::new(RuleId::JpAsrmScope, Outcome::Met, Severity::Info).at("preparation");
    let Some(preparation) = product.preparation else {
        // Read as within ASRM, the reading that keeps its review in force; a cell-free
        // preparation would be outside it.
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base
                .because("what kind of preparation it is is not given; the risk class below assumes it holds processed cells, since a cell-free preparation (exosomes, conditioned medium) would be outside ASRM")
                .missing("preparation")
        };
    };
    let base = base.fact(Fact::code("preparation", preparation.code()));
    let amended = on >= crate::law::ASRM_AMENDMENT_IN_FORCE;
    if is_cell_free(product)
        && amended
        && steps(product).is_none_or(|s| s.contains(&ProcessingStep::GeneticModification))
    {
        // Since the amendment by Act No. 51 of 2024 (in force 31 May 2025) ASRM also covers
        // gene therapy without processed cells; a cell-free preparation is outside ASRM only
        // when no genetic modification is involved, which the steps must show.
        let open = base.fact(
            Fact::date(
                "derived.asrm_amendment_in_force",
                crate::law::ASRM_AMENDMENT_IN_FORCE,
            )
            .as_limit(),
        );
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..if steps(product).is_none() {
                open.because("a cell-free preparation, but since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells (in vivo gene therapy); without the processing steps a genetic modification cannot be ruled out, so whether ASRM applies stays open; the class below is the one it has if ASRM applies")
                    .missing("processing.steps")
            } else {
                open.at("processing.steps").because("a cell-free preparation from genetically modified cells: since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells, and whether this preparation is one is not settled by the crate's sources; the class below is the one it has if ASRM applies")
            }
        };
    }
    if is_cell_free(product) {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because(if amended {
                "the preparation holds no cells and involves no genetic modification: ASRM concerns technologies using processed cells and, since 31 May 2025 (Act No. 51 of 2024), gene therapy; exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)"
            } else {
                "the preparation holds no cells, and ASRM (before its amendment by Act No. 51 of 2024 came into force on 31 May 2025) concerns technologies using processed cells: exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)"
            })
        }
    } else if preparation == CellPreparation::PlateletRichPlasma {
        Finding {
            outcome: Outcome::Met,
            ..base.because("blood-derived cell preparations such as platelet-rich plasma are regenerative medicine technologies under ASRM; MHLW's notice 医政研発1031第1号 classifies uncultured peripheral-blood techniques by their site of use")
        }
    } else if !preparation.info().live_cells {
        Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base.because("the preparation holds cells or tissue but no living cells; whether ASRM, which concerns processed cells, covers such a preparation is not settled by the crate's sources; the class given is the one it has if ASRM applies")
        }
    } else {
        base.because(
            "the preparation delivers living cells: a technology using processed cells within ASRM",
        )
    }
}
