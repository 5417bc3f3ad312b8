//! The product's status under the PMD Act.

use super::*;

/// Whether the product is a regenerative medical product under the PMD Act: genetically
/// modified or cultured live cells are; cell-free preparations and preparations that deliver no
/// live cells are not; other processing is left open (Japan's list of minimal operations was not
/// available).
pub(super) fn regenerative_medical_product(p: &Profile<'_>, _on: Date, f: &mut Finding) {
    let product = p.product;
    f.judge(Outcome::Undetermined, Severity::Warning)
        .point_at("processing.steps");
    step_facts(p, f);
    f.add_opt(
        product
            .preparation
            .map(|preparation| Fact::code("preparation", preparation.code())),
    );
    let live = product.preparation.map(|x| x.info().live_cells);
    if is_genetically_modified(p) {
        f.judge(Outcome::Met, Severity::Info)
            .why(&reasons::GENETICALLY_MODIFIED_CELLS_GENE_THERAPY);
    } else if live == Some(false) && p.stated_steps.is_none() {
        // No live cells, but without the steps a genetic modification (a gene therapy
        // product) cannot be ruled out.
        f.why(&reasons::PREPARATION_DELIVERS_LIVE_CELLS_BUT)
            .lack("processing.steps");
    } else if p.cell_free {
        f.judge(Outcome::NotMet, Severity::Info)
            .point_at("preparation")
            .why(&reasons::CELL_FREE_PREPARATION_HOLDS_LIVE);
    } else if live == Some(false) {
        f.judge(Outcome::NotMet, Severity::Info)
            .point_at("preparation")
            .why(&reasons::PREPARATION_DOES_DELIVER_LIVE_CELLS);
    } else if p.cultured {
        if live == Some(true) {
            f.judge(Outcome::Met, Severity::Info)
                .why(&reasons::CULTURED_LIVE_CELLS_PROCESSED_BEYOND);
        } else {
            f.point_at("preparation")
                .why(&reasons::CULTURED_CELLS_BUT_WHETHER_PRODUCT)
                .lack("preparation");
        }
    } else if p.stated_steps.is_none() {
        f.why(&reasons::PROCESSING_RECORD).lack("processing.steps");
    } else {
        f.why(&reasons::CULTURE_GENETIC_MODIFICATION_JAPAN_S);
    }
}

/// **The second step, PMD Act**: the status the regenerative-medical-product finding states
/// (met: a regenerative medical product; not met: not one; open otherwise).
pub(super) fn pmd_act_status(findings: &[Finding]) -> PmdActStatus {
    match outcome_of(findings, RuleId::JpRegenerativeMedicalProduct) {
        Some(Outcome::Met) => PmdActStatus::RegenerativeMedicalProduct,
        Some(Outcome::NotMet) => PmdActStatus::NotRegenerativeMedicalProduct,
        Some(Outcome::Undetermined | Outcome::NotApplicable) | None => PmdActStatus::Undetermined,
    }
}

/// **The second step, conditional approval** (PMD Act Art 23-26, at most seven years): a
/// question for a product that may be a regenerative medical product (`status`), not
/// applicable to one that is not. Fills in `f`.
pub(super) fn conditional_approval(status: PmdActStatus, f: &mut Finding) {
    f.add(
        Fact::number(
            "pmd_act.conditional_approval_max_years",
            CONDITIONAL_APPROVAL_MAX_YEARS,
        )
        .with_unit("years")
        .as_limit(),
    );
    if status == PmdActStatus::NotRegenerativeMedicalProduct {
        f.not_applicable(&reasons::ONLY_REGENERATIVE_MEDICAL_PRODUCTS_CAN);
    } else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::ASK_WHETHER_PRODUCT_HOLDS_SEEKS);
    }
}
