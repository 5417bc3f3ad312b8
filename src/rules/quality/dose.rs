//! Rules on the viable cell count and the dose, against the policy and the approved products' labels.

use super::*;

pub(super) fn viable_cell_count(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(&reasons::CELL_FREE);
        return;
    }
    let min = policy.min_viable_cells.as_f64();
    let total = p
        .release
        .and_then(|r| r.total_nucleated_cells)
        .map(|t| Fact::number("release.total_nucleated_cells", t.as_f64()).with_unit("cells"));
    match p.viable_cells {
        Some(cells) => {
            // Written as the test that passes, so that a count that compares with nothing
            // (NaN) fails, as it always has.
            let enough = cells.value >= min;
            // A stated count that fails while total nucleated cells × viability would pass:
            // the two statements disagree, and the disagreement is part of the finding (so
            // that deleting the stated count is deleting one side of a contradiction).
            let derived = (!cells.derived)
                .then(|| derived_viable_cells(p.release?, p.state))
                .flatten()
                .filter(|d| !enough && d.value >= min);
            if !enough {
                f.judge(Outcome::NotMet, Severity::Blocking);
                if derived.is_some() {
                    f.why(&reasons::FEWER_LIVE_NUCLEATED_CELLS_PER_2);
                } else {
                    f.why(&reasons::FEWER_LIVE_NUCLEATED_CELLS_PER);
                }
            }
            f.add(cells.fact());
            if cells.derived || derived.is_some() {
                f.add_opt(total);
            }
            if let Some(d) = derived {
                f.add(d.fact())
                    .add(Fact::code_list("contradicts", [cells.name, d.name]));
            }
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(&reasons::NUMBER_LIVE_NUCLEATED_CELLS_PER)
                .lack("release.viable_nucleated_cells")
                .add_opt(total);
        }
    }
    f.point_at("release.viable_nucleated_cells").add(
        Fact::number("policy.min_viable_cells", min)
            .with_unit("cells")
            .as_limit(),
    );
}

pub(super) fn dose_per_kg(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(&reasons::CELL_FREE);
        return;
    }
    let Some(route) = p.route() else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::ROUTE_STATED_SO_WHETHER_DOSE)
            .lack("delivery.route");
        return;
    };
    if !route.info().systemic {
        f.not_applicable(&reasons::ROUTE_SYSTEMIC_DOSE_JUDGED_PER)
            .add(Fact::code("delivery.route", route.code()));
        return;
    }
    match p.cells_per_kg {
        Some(per_kg) => {
            f.add(per_kg.fact());
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Warning)
                .why(&reasons::SYSTEMIC_DOSE_NEEDS_CELLS_PER);
            if p.viable_cells.is_none() {
                f.lack("dose.viable_cells");
            }
            if p.weight_kg().is_none() {
                f.lack("recipient.weight_kg");
            }
            // The dose per kg, stated, settles it alone.
            f.lack("dose.cells_per_kg");
        }
    }
    f.point_at("dose")
        .add(Fact::code("delivery.route", route.code()));
}

/// How a dose compares with the reference doses for its route and condition. "Far below" means
/// at least the policy factor below every label dose that compares (or, when no label dose
/// compares, every trial range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DoseVerdict {
    /// The comparison does not apply (no living cells, no reference of the product's kind).
    NotApplicable(&'static Reason),
    /// The dose is not stated in a form any reference uses, or the route is unknown.
    Undetermined,
    /// Within the range of at least one reference.
    Within,
    /// Outside every reference, but not far below all of them.
    Outside,
    /// Below every reference by more than the policy factor.
    FarBelow,
}

/// The comparison of a dose with [`REFERENCE_DOSES`], with the facts and missing inputs for a
/// finding.
pub(crate) struct DoseComparison {
    pub(crate) verdict: DoseVerdict,
    pub(crate) facts: Vec<Fact>,
    pub(crate) missing: Vec<&'static str>,
}

/// The comparison of a dose with [`REFERENCE_DOSES`] as small `Copy` data: what its facts are
/// made from, so that they are built once, straight into the finding that shows them
/// (`finding.facts.extend(plan.facts())`, no intermediate `Vec`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DosePlan {
    pub(crate) verdict: DoseVerdict,
    /// The route, shown first when the comparison got as far as the route.
    pub(super) route: Option<Route>,
    /// The dose per kilogram, shown when a reference row is written per kilogram.
    pub(super) per_kg: Option<CellFigure>,
    /// The viable cells per administration, shown when a reference row is written so.
    pub(super) per_administration: Option<CellFigure>,
    /// The reference row shown: the first one the dose lies within, else the closest.
    pub(super) nearest: Option<&'static ReferenceDose>,
    /// The policy factor, shown when the dose was compared with at least one row.
    pub(super) factor: Option<f64>,
    /// The inputs that would let the dose be compared, in order.
    pub(crate) missing: &'static [&'static str],
}

impl DosePlan {
    pub(super) const fn done(
        verdict: DoseVerdict,
        route: Option<Route>,
        missing: &'static [&'static str],
    ) -> Self {
        Self {
            verdict,
            route,
            per_kg: None,
            per_administration: None,
            nearest: None,
            factor: None,
            missing,
        }
    }

    /// The facts of the comparison, in order. The iterator knows its exact length, so that a
    /// list collecting it allocates (when it must) once.
    pub(crate) fn facts(self) -> impl Iterator<Item = Fact> {
        let nearest = self.nearest;
        self.route
            .into_iter()
            .map(|route| Fact::code("delivery.route", route.code()))
            .chain(self.per_kg.into_iter().map(CellFigure::fact))
            .chain(self.per_administration.into_iter().map(CellFigure::fact))
            .chain(
                nearest.into_iter().map(|row| {
                    Fact::code("reference.indication", row.indication.code()).as_limit()
                }),
            )
            .chain(nearest.into_iter().map(|row| {
                Fact::number("reference.min", row.min)
                    .with_unit(reference_unit(row))
                    .as_limit()
            }))
            .chain(nearest.into_iter().map(|row| {
                Fact::number("reference.max", row.max)
                    .with_unit(reference_unit(row))
                    .as_limit()
            }))
            .chain(
                nearest
                    .into_iter()
                    .map(|row| text_fact("reference.context", row.context)),
            )
            .chain(
                nearest
                    .into_iter()
                    .map(|row| text_fact("reference.source", row.source)),
            )
            .chain(
                self.factor
                    .into_iter()
                    .map(|factor| Fact::number("policy.dose_far_below_factor", factor).as_limit()),
            )
    }
}

pub(super) const fn reference_unit(row: &ReferenceDose) -> &'static str {
    match row.basis {
        DoseBasis::PerKg => "cells/kg",
        DoseBasis::PerAdministration => "cells",
    }
}

pub(super) fn text_fact(name: &'static str, text: &'static str) -> Fact {
    Fact::new(name, crate::FactValue::Text(Cow::Borrowed(text)))
}

/// Compares the product's dose with the references for its route and, when `indications` is
/// given, those conditions (otherwise every condition of the route).
///
/// Only culture-expanded (or possibly expanded) products are compared: every reference is a
/// label or trial dose of expanded MSCs, and no label doses a bedside concentrate or a
/// minimally manipulated preparation by its nucleated cells.
pub(crate) fn compare_dose(
    product: &Product,
    indications: Option<&[Indication]>,
    factor: DoseFactor,
) -> DoseComparison {
    let plan = plan_product_dose(product, indications, factor);
    DoseComparison {
        verdict: plan.verdict,
        facts: plan.facts().collect(),
        missing: plan.missing.to_vec(),
    }
}

/// [`compare_dose`] without building its lists: the plan's [`DosePlan::facts`] and
/// [`DosePlan::missing`] go straight into the finding that shows them.
pub(crate) fn plan_product_dose(
    product: &Product,
    indications: Option<&[Indication]>,
    factor: DoseFactor,
) -> DosePlan {
    // The dose comparison reads no date.
    plan_dose(
        &Profile::new(product, crate::KNOWLEDGE_HORIZON),
        indications,
        factor,
    )
}

pub(super) fn plan_dose(
    p: &Profile<'_>,
    indications: Option<&[Indication]>,
    factor: DoseFactor,
) -> DosePlan {
    if !p.live {
        return DosePlan::done(DoseVerdict::NotApplicable(&reasons::CELL_FREE), None, &[]);
    }
    if p.expansion == Expansion::No {
        return DosePlan::done(
            DoseVerdict::NotApplicable(&reasons::CELLS_WERE_GROWN_CULTURE_EVERY),
            None,
            &[],
        );
    }
    let Some(route) = p.route() else {
        return DosePlan::done(DoseVerdict::Undetermined, None, &["delivery.route"]);
    };
    let rows = || {
        REFERENCE_DOSES.iter().filter(move |r| {
            r.route == route && indications.is_none_or(|list| list.contains(&r.indication))
        })
    };
    let (mut any_per_kg, mut any_per_administration) = (false, false);
    for row in rows() {
        match row.basis {
            DoseBasis::PerKg => any_per_kg = true,
            DoseBasis::PerAdministration => any_per_administration = true,
        }
    }
    if !any_per_kg && !any_per_administration {
        return DosePlan::done(
            DoseVerdict::NotApplicable(&reasons::LABEL_TRIAL_DOSE_KNOWN_ROUTE),
            Some(route),
            &[],
        );
    }
    let per_kg = p.cells_per_kg;
    let per_administration = p.viable_cells;
    let mut within = false;
    let mut compared = 0_usize;
    // "Far below" is judged against the label doses when any compares, else the trial ranges.
    let labels_compare = rows().any(|r| {
        r.product.is_some()
            && match r.basis {
                DoseBasis::PerKg => per_kg.is_some(),
                DoseBasis::PerAdministration => per_administration.is_some(),
            }
    });
    let mut all_far_below = true;
    // The row shown: the first one the dose lies within, else the closest (by ratio).
    let mut nearest: Option<(&'static ReferenceDose, f64)> = None;
    for row in rows() {
        let value = match row.basis {
            DoseBasis::PerKg => per_kg.map(|d| d.value),
            DoseBasis::PerAdministration => per_administration.map(|d| d.value),
        };
        let Some(value) = value else { continue };
        compared += 1;
        let inside = value >= row.min && value <= row.max;
        within |= inside;
        if row.product.is_some() || !labels_compare {
            all_far_below &= value * factor.get() <= row.min;
        }
        let distance = if inside {
            0.0
        } else {
            (value / row.min)
                .ln()
                .abs()
                .min((value / row.max).ln().abs())
        };
        if nearest.is_none_or(|(_, d)| distance < d) {
            nearest = Some((row, distance));
        }
    }
    let shown = DosePlan {
        per_kg: per_kg.filter(|_| any_per_kg),
        per_administration: per_administration.filter(|_| any_per_administration),
        ..DosePlan::done(DoseVerdict::Undetermined, Some(route), &[])
    };
    if compared == 0 {
        // Exactly the inputs that could make a row compare: the viable cells (for a row per
        // administration, and with the weight for a row per kg), the weight when it is not
        // given, or the dose per kg itself.
        let missing: &'static [&'static str] = match (
            any_per_kg,
            per_administration.is_none(),
            p.weight_kg().is_none(),
        ) {
            (false, _, _) => &["dose.viable_cells"],
            (true, true, true) => &[
                "dose.viable_cells",
                "recipient.weight_kg",
                "dose.cells_per_kg",
            ],
            (true, true, false) => &["dose.viable_cells", "dose.cells_per_kg"],
            (true, false, true) => &["recipient.weight_kg", "dose.cells_per_kg"],
            (true, false, false) => &["dose.cells_per_kg"],
        };
        return DosePlan { missing, ..shown };
    }
    let verdict = if within {
        DoseVerdict::Within
    } else if all_far_below {
        DoseVerdict::FarBelow
    } else {
        DoseVerdict::Outside
    };
    DosePlan {
        verdict,
        nearest: nearest.map(|(row, _)| row),
        factor: Some(factor.get()),
        ..shown
    }
}

pub(super) fn dose_reference(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let indications = p
        .product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
        .filter(|list| !list.is_empty());
    let plan = plan_dose(p, indications, policy.dose_far_below_factor);
    match plan.verdict {
        DoseVerdict::NotApplicable(reason) => {
            f.not_applicable(reason);
        }
        DoseVerdict::Undetermined => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why(&reasons::DOSE_CANNOT_COMPARED_STATED_FORM);
        }
        DoseVerdict::Within => {}
        DoseVerdict::Outside => {
            f.judge(Outcome::NotMet, Severity::Info)
                .why(&reasons::DOSE_LIES_OUTSIDE_LABEL_TRIAL);
        }
        DoseVerdict::FarBelow => {
            f.judge(Outcome::NotMet, Severity::Warning)
                .why(&reasons::DOSE_FAR_BELOW_EVERY_LABEL);
        }
    }
    f.point_at("dose").lack_all(plan.missing);
    f.facts.extend(plan.facts());
}
