//! Step 3: the four criteria of 21 CFR 1271.10(a).

use super::*;

// Step 3: the four criteria of 21 CFR 1271.10(a)
// ---------------------------------------------------------------------------------------------

/// How one processing step resolves for the minimal-manipulation test.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum StepVerdict {
    Minimal,
    MinimalByData,
    MoreThanMinimal,
    NoData,
    /// An unclassified step the maker claims data for: nobody has said what it does.
    UnjudgedWithData,
    NeedsClass,
}

impl StepVerdict {
    pub(super) fn of(level: ManipulationLevel, data: Option<bool>) -> Self {
        match level {
            ManipulationLevel::Minimal => Self::Minimal,
            ManipulationLevel::MoreThanMinimal => Self::MoreThanMinimal,
            ManipulationLevel::DependsOnData if data == Some(true) => Self::MinimalByData,
            ManipulationLevel::DependsOnData => Self::NoData,
            ManipulationLevel::Unjudged if data == Some(true) => Self::UnjudgedWithData,
            ManipulationLevel::Unjudged => Self::NoData,
        }
    }

    /// The less favourable of two verdicts on one step (for two tissues): a step FDA calls more
    /// than minimal, then one that lacks its data, then one that needs a class or is unjudged.
    pub(super) const fn worse(self, other: Self) -> Self {
        const fn rank(v: StepVerdict) -> u8 {
            match v {
                StepVerdict::MoreThanMinimal => 0,
                StepVerdict::NoData => 1,
                StepVerdict::NeedsClass => 2,
                StepVerdict::UnjudgedWithData => 3,
                StepVerdict::MinimalByData => 4,
                StepVerdict::Minimal => 5,
            }
        }
        if rank(other) < rank(self) {
            other
        } else {
            self
        }
    }

    pub(super) const fn is_minimal(self) -> bool {
        matches!(self, Self::Minimal | Self::MinimalByData)
    }

    pub(super) const fn fails(self) -> bool {
        matches!(self, Self::MoreThanMinimal | Self::NoData)
    }

    /// The verdict on a step when the tissue's class is unknown: what both classes agree on.
    /// Minimal for both (by data for either) is minimal by data; failing for both is a failure
    /// for want of data unless both call it more than minimal; anything else needs the class.
    pub(super) fn either_class(step: ProcessingStep, data: Option<bool>) -> Self {
        let s = Self::of(step.level_for(FdaTissueClass::Structural), data);
        let n = Self::of(step.level_for(FdaTissueClass::CellsOrNonstructural), data);
        if s == n {
            s
        } else if s.is_minimal() && n.is_minimal() {
            Self::MinimalByData
        } else if s.fails() && n.fails() {
            Self::NoData
        } else {
            Self::NeedsClass
        }
    }
}

pub(super) fn minimal_manipulation(p: &Profile<'_>, f: &mut Finding) {
    let product = p.product;
    let mut missing = PathList::new();

    let class = match product.tissue {
        Some(tissue) => {
            f.add(Fact::code("tissue", tissue.code()));
            let class = tissue.info().fda_class;
            if let Some(c) = class {
                f.add(Fact::code("tissue.fda_class", c.code()).as_derived());
            }
            class
        }
        None => None,
    };
    // Every other tissue named is judged too: a step minimal for one tissue and not for
    // another fails (the least favourable reading).
    let others: TermBuf<TissueSource> = product
        .tissues()
        .filter(|t| Some(*t) != product.tissue)
        .collect();
    if !others.is_empty() {
        f.add(Fact::terms("other_tissues", others.iter().copied()));
    }
    let mixed_classes = others
        .iter()
        .any(|t| t.info().fda_class != class || class.is_none());

    let data = product
        .processing
        .as_ref()
        .and_then(|p| p.minimal_manipulation_data);
    if let Some(d) = data {
        f.add(Fact::flag("processing.minimal_manipulation_data", d));
    }
    match p.stated_steps {
        Some(steps) => {
            f.add(Fact::terms("processing.steps", steps.iter().copied()));
        }
        None => missing.push("processing.steps"),
    }
    f.add_opt(implied_fact(p));

    let mut more = TermBuf::<ProcessingStep>::new();
    let mut no_data = TermBuf::<ProcessingStep>::new();
    let mut examples = CodeBuf::new();
    let mut open = false;
    let mut needs_class = false;
    for step in p.known_steps() {
        // The verdict for the stated tissue (or, unknown, what both classes agree on), then
        // the worst of it and the verdict for each other tissue named.
        let mut judge = |tissue: Option<TissueSource>| match tissue.and_then(|t| step.effect_on(t))
        {
            Some(e) => {
                if let Some(example) = e.example {
                    if !examples.contains(&example) {
                        examples.push(example);
                    }
                }
                StepVerdict::of(e.level, data)
            }
            None => StepVerdict::either_class(step, data),
        };
        let verdict = others.iter().fold(judge(product.tissue), |worst, t| {
            worst.worse(judge(Some(*t)))
        });
        match verdict {
            StepVerdict::Minimal | StepVerdict::MinimalByData => {}
            StepVerdict::MoreThanMinimal => more.push(step),
            StepVerdict::NoData => no_data.push(step),
            StepVerdict::UnjudgedWithData => open = true,
            StepVerdict::NeedsClass => needs_class = true,
        }
    }
    if !examples.is_empty() {
        f.add(Fact::code_list("processing.steps.fda_examples", examples).as_derived());
    }

    if !more.is_empty() {
        f.add(Fact::terms("processing.steps.more_than_minimal", more).as_derived());
        if !no_data.is_empty() {
            f.add(Fact::terms("processing.steps.without_data", no_data).as_derived());
        }
        // Settled: no further fact removes a step stated or implied.
        conclude(f, Outcome::NotMet)
            .point_at("processing.steps")
            .why(&reasons::PROCESSING_STEP_ALTERS_RELEVANT_CHARACTERISTICS);
        return;
    }
    if !no_data.is_empty() {
        f.add(Fact::terms("processing.steps.without_data", no_data).as_derived());
        conclude(f, Outcome::NotMet)
            .point_at("processing.minimal_manipulation_data")
            .why(&reasons::STEP_CAN_MINIMAL_ONLY_DATA);
        // The guidance's default, not a settled answer: data on the process could change it
        // (with the steps, when they are not stated).
        if data.is_none() {
            push_missing(&mut missing, "processing.minimal_manipulation_data");
            f.lack_all(&missing);
        }
        return;
    }
    if needs_class {
        match product.tissue {
            None => push_missing(&mut missing, "tissue"),
            Some(_) => push_missing(&mut missing, "tissue.fda_class"),
        }
    }
    if open {
        push_missing(&mut missing, "processing.steps");
    }
    if !missing.is_empty() {
        let reason: &'static Reason = if open {
            &reasons::STEP_CRATE_CANNOT_CLASSIFY_RECORDED
        } else if p.stated_steps.is_none() {
            &reasons::PROCESSING_STEPS_STATED_SO_WHETHER
        } else {
            &reasons::TISSUE_S_FDA_CLASS_STRUCTURAL
        };
        conclude(f, Outcome::Undetermined)
            .point_at("processing.steps")
            .why(reason)
            .lack_all(&missing);
        return;
    }
    let reason: &'static Reason = match class {
        _ if mixed_classes => &reasons::EVERY_STEP_KEEPS_RELEVANT_CHARACTERISTICS,
        Some(FdaTissueClass::Structural) => &reasons::EVERY_STEP_KEEPS_ORIGINAL_CHARACTERISTICS,
        Some(FdaTissueClass::CellsOrNonstructural) => {
            &reasons::EVERY_STEP_KEEPS_RELEVANT_BIOLOGICAL
        }
        None => &reasons::EVERY_STEP_MINIMAL_STRUCTURAL_NONSTRUCTURAL,
    };
    conclude(f, Outcome::Met)
        .point_at("processing.steps")
        .why(reason);
}

pub(super) fn homologous_use(p: &Profile<'_>, f: &mut Finding) {
    let analysis = p.homologous();
    let categories = analysis.indications.map_or(0, |indications| {
        let unlisted = p
            .product
            .intended_use
            .as_ref()
            .map_or(&[][..], |u| u.other_indications.as_slice());
        crate::CodedCondition::families(indications, unlisted)
    });
    let myriad = categories >= US_MYRIAD_INDICATION_CATEGORIES;
    analysis.push_facts(
        &mut f.facts,
        usize::from(categories > 0) + usize::from(myriad),
    );
    if categories > 0 {
        #[allow(clippy::cast_precision_loss)]
        let count = categories as f64;
        f.add(Fact::number("intended_use.indication_categories", count).as_derived());
    }
    if myriad {
        #[allow(clippy::cast_precision_loss)]
        let limit = US_MYRIAD_INDICATION_CATEGORIES as f64;
        f.add(Fact::number("US_MYRIAD_INDICATION_CATEGORIES", limit).as_limit());
        conclude(f, Outcome::NotMet)
            .point_at("intended_use.indications")
            .why(&reasons::OFFERED_TREATMENT_MYRIAD_UNRELATED_DISEASES);
        return;
    }

    match analysis.verdict {
        HomologousVerdict::NotHomologous(because) => {
            conclude(f, Outcome::NotMet)
                .point_at(because.path())
                .why(because.reason());
        }
        HomologousVerdict::Undetermined => {
            conclude(f, Outcome::Undetermined)
                .point_at(analysis.missing.first().copied().unwrap_or("intended_use"))
                .why(&reasons::HOMOLOGOUS_USE_COMPARES_SOURCE_TISSUE)
                .lack_all(&analysis.missing);
        }
        HomologousVerdict::Homologous => {
            conclude(f, Outcome::Met)
                .point_at("intended_use")
                .why(&reasons::EVERY_DECLARED_IMPLIED_FUNCTION_BASIC);
        }
    }
}

pub(super) fn no_combination(p: &Profile<'_>, f: &mut Finding) {
    f.point_at("processing.added_articles");
    let Some(articles) = p
        .product
        .processing
        .as_ref()
        .and_then(|p| p.added_articles_known())
    else {
        conclude(f, Outcome::Undetermined)
            .why(&reasons::WHAT_WAS_COMBINED_CELLS_STATED)
            .lack("processing.added_articles");
        return;
    };
    f.add(Fact::terms(
        "processing.added_articles",
        articles.iter().copied(),
    ));
    let others: TermBuf<AddedArticle> = articles
        .iter()
        .filter(|a| !a.info().allowed_by_1271_10_a_3)
        .copied()
        .collect();
    if others.is_empty() {
        let reason: &'static Reason = if articles.is_empty() {
            &reasons::NOTHING_COMBINED_CELLS
        } else {
            &reasons::ONLY_WATER_CRYSTALLOIDS_STERILIZING_PRESERVING
        };
        conclude(f, Outcome::Met).why(reason);
    } else {
        f.add(Fact::terms("processing.added_articles.other_articles", others).as_derived());
        conclude(f, Outcome::NotMet).why(&reasons::CELLS_COMBINED_ANOTHER_ARTICLE_WHICH);
    }
}

/// Whether a claimed mechanism is the work of living cells (1271.10(a)(4)). Every mechanism of
/// the table is: even exosomes are secreted by living cells.
pub(super) const fn mechanism_needs_living_cells(mechanism: Mechanism) -> bool {
    match mechanism {
        Mechanism::ParacrineSignalling
        | Mechanism::Immunomodulation
        | Mechanism::ExtracellularVesicles
        | Mechanism::Homing
        | Mechanism::DifferentiationEngraftment => true,
    }
}

pub(super) fn systemic_effect(p: &Profile<'_>, f: &mut Finding) {
    let product = p.product;
    let mut missing = PathList::new();
    f.point_at("intended_use");

    if let Some(donor) = product.donor {
        f.add(Fact::code("donor", donor.code()));
    }
    let reproductive = product
        .intended_use
        .as_ref()
        .and_then(|u| u.reproductive_use);
    if reproductive == Some(true) {
        f.add(Fact::flag("intended_use.reproductive_use", true));
    }
    let qualifies = product
        .donor
        .is_some_and(|d| d.is_autologous() || d.is_blood_relative())
        || reproductive == Some(true);
    if qualifies {
        conclude(f, Outcome::Met)
            .point_at("donor")
            .why(&reasons::AUTOLOGOUS_USE_FIRST_SECOND_DEGREE);
        return;
    }

    let explicit_systemic = product
        .intended_use
        .as_ref()
        .and_then(|u| u.systemic_effect);
    let explicit_living = product
        .intended_use
        .as_ref()
        .and_then(|u| u.depends_on_living_cells);
    let mut derived = false;

    let systemic = match explicit_systemic {
        Some(s) => {
            f.add(Fact::flag("intended_use.systemic_effect", s));
            Some(s)
        }
        None => match product.delivery {
            Some(d) if d.route.info().systemic => {
                derived = true;
                f.add(Fact::code("delivery.route", d.route.code()))
                    .add(Fact::flag("intended_use.systemic_effect", true).as_derived());
                Some(true)
            }
            _ => None,
        },
    };
    let mechanisms = product.mechanisms_known().unwrap_or_default();
    let living = match explicit_living {
        Some(l) => {
            f.add(Fact::flag("intended_use.depends_on_living_cells", l));
            Some(l)
        }
        None if mechanisms.iter().any(|m| mechanism_needs_living_cells(*m)) => {
            derived = true;
            f.add(Fact::terms("mechanisms", mechanisms.iter().copied()))
                .add(Fact::flag("intended_use.depends_on_living_cells", true).as_derived());
            Some(true)
        }
        None => None,
    };

    if systemic == Some(true) || living == Some(true) {
        // No tissue of the vocabulary is a reproductive cell or tissue (21 CFR 1271.10(a)(4)
        // (ii)(c) concerns semen, oocytes and embryos), so an unstated reproductive use cannot
        // be one; an explicit `false` says so too.
        // A donor of unstated relation ("for allogeneic use") might be a close blood
        // relative: only a donor known to be neither autologous nor a close relative settles it.
        let known_other = product
            .donor
            .is_some_and(|d| d.relation_known() && !(d.is_autologous() || d.is_blood_relative()));
        if known_other && (product.tissue.is_some() || reproductive == Some(false)) {
            let reason: &'static Reason = if derived {
                &reasons::HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING_3
            } else {
                &reasons::HAS_SYSTEMIC_EFFECT_DEPENDS_METABOLIC
            };
            conclude(f, Outcome::NotMet).why(reason);
            return;
        }
        let unstated_relation = product.donor.is_some_and(|d| !d.relation_known());
        if product.donor.is_none() || unstated_relation {
            missing.push("donor");
        }
        if product.tissue.is_none() && reproductive.is_none() {
            missing.push("intended_use.reproductive_use");
        }
        let reason: &'static Reason = if unstated_relation {
            &reasons::HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING_2
        } else {
            &reasons::HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING
        };
        conclude(f, Outcome::Undetermined)
            .why(reason)
            .lack_all(&missing);
        return;
    }
    if systemic == Some(false) && living == Some(false) {
        conclude(f, Outcome::Met).why(&reasons::SYSTEMIC_EFFECT_DEPENDENT_METABOLIC_ACTIVITY);
        return;
    }
    if product.donor.is_none_or(|d| !d.relation_known()) {
        missing.push("donor");
    }
    if systemic.is_none() {
        missing.push("intended_use.systemic_effect");
    }
    if living.is_none() {
        missing.push("intended_use.depends_on_living_cells");
    }
    if product.tissue.is_none() && reproductive.is_none() {
        missing.push("intended_use.reproductive_use");
    }
    conclude(f, Outcome::Undetermined)
        .why(&reasons::WHETHER_HAS_SYSTEMIC_EFFECT_DEPENDS)
        .lack_all(&missing);
}
