//! The rule on evidence that a perinatal product holds MSCs.

use super::*;

pub(super) fn perinatal_msc_evidence(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(&reasons::CELL_FREE);
        return;
    }
    match p.perinatal() {
        Some(false) => {
            f.not_applicable(&reasons::TISSUE_PERINATAL);
            return;
        }
        None if p.product.supply != Some(SupplyModel::OffTheShelf) => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why(&reasons::SOURCE_TISSUE_STATED)
                .lack("tissue");
            return;
        }
        _ => {}
    }
    let (identity, _) = check_markers(
        p,
        crate::MarkerExpectation::Positive,
        |v| v >= policy.positive_marker_min_percent.get(),
        |_, _| {},
    );
    let cfu = p.release.and_then(|r| r.cfu_f_per_million).map(|c| c.get());
    if identity == Outcome::Met || cfu.is_some_and(|c| c > 0.0) {
    } else if cfu.is_some() || identity == Outcome::NotMet {
        let severity = if p.called_msc {
            Severity::Blocking
        } else {
            Severity::Warning
        };
        f.judge(Outcome::NotMet, severity)
            .why(&reasons::COLONY_FORMING_CELLS_WERE_FOUND);
    } else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::VIABLE_CELLS_ALONE_DO_SHOW)
            .lack("release.cfu_f_per_million")
            .lack("release.identity.markers");
    }
    f.point_at("release.cfu_f_per_million")
        .add_opt(p.product.tissue.map(|t| Fact::code("tissue", t.code())))
        .add_opt(
            cfu.map(|c| Fact::number("release.cfu_f_per_million", c).with_unit("CFU-F/10^6 cells")),
        )
        .add(Fact::code("derived.identity_positive_markers", identity.code()).as_derived());
}
