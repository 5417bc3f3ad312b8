//! The product's status under the PMD Act.

use super::*;

pub(super) fn pmd_act(product: &Product, findings: &mut Vec<Finding>) -> PmdActStatus {
    let mut base = step_facts(
        Finding::new(
            RuleId::JpRegenerativeMedicalProduct,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("processing.steps"),
        product,
    );
    if let Some(preparation) = product.preparation {
        base = base.fact(Fact::code("preparation", preparation.code()));
    }
    let live = product.preparation.map(|p| p.info().live_cells);
    let (status, finding) = if is_genetically_modified(product) {
        (
            PmdActStatus::RegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::Met,
                severity: Severity::Info,
                ..base.because(&reasons::GENETICALLY_MODIFIED_CELLS_GENE_THERAPY)
            },
        )
    } else if live == Some(false) && steps(product).is_none() {
        // No live cells, but without the steps a genetic modification (a gene therapy
        // product) cannot be ruled out.
        (
            PmdActStatus::Undetermined,
            base.because(&reasons::PREPARATION_DELIVERS_LIVE_CELLS_BUT)
                .missing("processing.steps"),
        )
    } else if is_cell_free(product) {
        (
            PmdActStatus::NotRegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base
                    .at("preparation")
                    .because(&reasons::CELL_FREE_PREPARATION_HOLDS_LIVE)
            },
        )
    } else if live == Some(false) {
        (
            PmdActStatus::NotRegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base
                    .at("preparation")
                    .because(&reasons::PREPARATION_DOES_DELIVER_LIVE_CELLS)
            },
        )
    } else if is_cultured(product) {
        if live == Some(true) {
            (
                PmdActStatus::RegenerativeMedicalProduct,
                Finding {
                    outcome: Outcome::Met,
                    severity: Severity::Info,
                    ..base.because(&reasons::CULTURED_LIVE_CELLS_PROCESSED_BEYOND)
                },
            )
        } else {
            (
                PmdActStatus::Undetermined,
                base.at("preparation")
                    .because(&reasons::CULTURED_CELLS_BUT_WHETHER_PRODUCT)
                    .missing("preparation"),
            )
        }
    } else if steps(product).is_none() {
        (
            PmdActStatus::Undetermined,
            base.because(&reasons::PROCESSING_RECORD)
                .missing("processing.steps"),
        )
    } else {
        (
            PmdActStatus::Undetermined,
            base.because(&reasons::CULTURE_GENETIC_MODIFICATION_JAPAN_S),
        )
    };
    findings.push(finding);

    let conditional = Finding::new(
        RuleId::JpConditionalApproval,
        Outcome::Undetermined,
        Severity::Info,
    )
    .fact(
        Fact::number(
            "pmd_act.conditional_approval_max_years",
            CONDITIONAL_APPROVAL_MAX_YEARS,
        )
        .with_unit("years")
        .as_limit(),
    );
    findings.push(if status == PmdActStatus::NotRegenerativeMedicalProduct {
        Finding {
            outcome: Outcome::NotApplicable,
            ..conditional.because(&reasons::ONLY_REGENERATIVE_MEDICAL_PRODUCTS_CAN)
        }
    } else {
        Finding {
            severity: Severity::Warning,
            ..conditional.because(&reasons::ASK_WHETHER_PRODUCT_HOLDS_SEEKS)
        }
    });
    status
}
