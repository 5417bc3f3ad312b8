//! The rule on evidence that a perinatal product holds MSCs.

use super::*;

pub(super) fn perinatal_msc_evidence(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    match p.perinatal() {
        Some(false) => {
            f.not_applicable("the tissue is not perinatal");
            return;
        }
        None if p.product.supply != Some(SupplyModel::OffTheShelf) => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why("the source tissue is not stated")
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
            .why("no colony-forming cells were found and identity markers do not show MSCs: live cells alone are not MSCs");
    } else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why("viable cells alone do not show MSCs; ask for identity markers or a colony-forming (CFU-F) assay")
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
