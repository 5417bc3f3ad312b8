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
                ..base.because(
                    "genetically modified cells: a gene therapy product or processed cells",
                )
            },
        )
    } else if live == Some(false) && steps(product).is_none() {
        // No live cells, but without the steps a genetic modification (a gene therapy
        // product) cannot be ruled out.
        (
            PmdActStatus::Undetermined,
            base.because("the preparation delivers no live cells, but without the processing steps a genetic modification, which would make a gene therapy product, cannot be ruled out")
                .missing("processing.steps"),
        )
    } else if is_cell_free(product) {
        (
            PmdActStatus::NotRegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base.at("preparation").because(
                    "a cell-free preparation holds no live cells, and its cells were not genetically modified: not a gene therapy product",
                )
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
                    .because("the preparation does not deliver live cells, and the definition concerns processed live cells")
            },
        )
    } else if is_cultured(product) {
        if live == Some(true) {
            (
                PmdActStatus::RegenerativeMedicalProduct,
                Finding {
                    outcome: Outcome::Met,
                    severity: Severity::Info,
                    ..base.because("cultured live cells are processed beyond minimal manipulation")
                },
            )
        } else {
            (
                PmdActStatus::Undetermined,
                base.at("preparation")
                    .because(
                        "cultured cells, but whether the product delivers live cells is not given",
                    )
                    .missing("preparation"),
            )
        }
    } else if steps(product).is_none() {
        (
            PmdActStatus::Undetermined,
            base.because("no processing record")
                .missing("processing.steps"),
        )
    } else {
        (
            PmdActStatus::Undetermined,
            base.because("no culture or genetic modification; Japan's list of minimal operations is not in the crate's sources, so whether this processing makes 'processed' cells is left open"),
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
            ..conditional.because("only regenerative medical products can receive it")
        }
    } else {
        Finding {
            severity: Severity::Warning,
            ..conditional.because("ask whether the product holds (or seeks) a conditional, time-limited approval: it is open to a regenerative medical product that is not homogeneous, is presumed effective and is not presumed worthless for its harms; those are judgements on clinical data, not in a product record, and the holder must apply for full approval within the time limit")
        }
    });
    status
}
