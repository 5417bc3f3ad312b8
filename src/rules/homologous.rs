//! Homologous use on the site of use: the comparison the US, EU and Japanese engines share.
//!
//! Each jurisdiction asks the same question in its own words — does the product do in the
//! recipient what its source tissue did in the donor?
//!
//! - US: "performs the same basic function or functions in the recipient as in the donor"
//!   (21 CFR 1271.3(c)); FDA MM/HU guidance (2017, rev. 2020), section IV, Q17-Q22.
//! - EU: "not intended to be used for the same essential function or functions in the recipient
//!   as in the donor" (Regulation (EC) No 1394/2007, Art 2(1)(c), second indent).
//! - Japan: cells that act like the cells at the target site (MHLW notice 医政研発1031第1号).
//!
//! The analysis reads four facts and never the declared functions alone:
//!
//! 1. the source tissue's basic functions in the donor ([`crate::TissueInfo::basic_functions`]);
//! 2. the functions the recipient's tissue performs at the site of use
//!    ([`crate::SiteInfo::functions`]), at the stated site *and* at the site the route implies
//!    when both are known and differ (the less favourable reading: the product must be
//!    homologous at both);
//! 3. the functions the indications imply ([`crate::IndicationInfo::implies`]);
//! 4. the declared functions ([`crate::IntendedUse::functions`]).
//!
//! The product is homologous only when every declared and implied function is a basic function
//! of the tissue, every one of them is performed at the site, and at the site the tissue can
//! perform at least one of its basic functions. A contradiction found among the known facts
//! settles "not homologous" whatever else is missing (adding facts can only add functions and
//! sites to check); otherwise a missing fact leaves the answer open and is listed.

use crate::rules::profile::Profile;
use crate::rules::write::Fill;
use crate::{
    Fact, Finding, Indication, Outcome, Severity, SiteOfUse, TissueFunction, TissueSource,
};
use smallvec::SmallVec;

/// **The result of the homologous-use comparison for one product.**
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Homologous<'a> {
    /// The source tissue, when known.
    pub tissue: Option<TissueSource>,
    /// The other source tissues the record names ([`crate::Product::other_tissues`]), each judged
    /// as the first is: the use is homologous only if it is for every tissue.
    pub others: SmallVec<[TissueSource; 2]>,
    /// The tissue's basic functions in the donor; `None` when the tissue is unknown, `Some(&[])`
    /// when FDA's guidance names none for it.
    pub basic: Option<&'static [TissueFunction]>,
    /// The sites judged: the stated one, then the route's when it differs.
    pub sites: SmallVec<[SiteOfUse; 2]>,
    /// Whether the first site was stated (`true`) or derived from the route (`false`).
    pub site_stated: bool,
    /// The declared functions, when stated.
    pub declared: Option<&'a [TissueFunction]>,
    /// The indications, when stated.
    pub indications: Option<&'a [Indication]>,
    /// The functions the indications imply, each once, in order.
    pub implied: Functions,
    /// Declared or implied functions that are not basic functions of the tissue.
    pub not_basic: Functions,
    /// Declared functions that are not among those the indications imply, when the indications
    /// imply any: the declaration contradicts what the product is offered for.
    pub declared_against_indications: Functions,
    /// Declared or implied functions the recipient's tissue does not perform at a site judged.
    pub not_at_site: Functions,
    /// Sites at which the tissue can perform none of its basic functions.
    pub sites_without_basic: SmallVec<[SiteOfUse; 2]>,
    /// The facts whose presence could change the verdict, as input paths. Empty unless the
    /// verdict is [`HomologousVerdict::Undetermined`].
    pub missing: SmallVec<[&'static str; 6]>,
    /// The stated site of use and the site a local route implies differ (an injection into a
    /// joint "for use on the skin"): the record contradicts itself. Written as a `contradicts`
    /// fact; a use that would otherwise be homologous is left open.
    pub site_conflict: bool,
    /// The answer.
    pub verdict: HomologousVerdict,
}

/// **The answer of the homologous-use comparison.**
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HomologousVerdict {
    /// Every declared and implied function is a basic function of the tissue performed at the
    /// site of use.
    Homologous,
    /// A known fact shows the use is not homologous, for the reason given.
    NotHomologous(NotHomologousBecause),
    /// A fact the answer needs is missing ([`Homologous::missing`]).
    Undetermined,
}

/// **Why a use is not homologous**, in the order the analysis reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotHomologousBecause {
    /// Treating a stated indication needs a function the tissue does not perform in the donor.
    IndicationNeedsOtherFunction,
    /// A declared function is not a basic function of the tissue.
    DeclaredNotBasic,
    /// At the site of use the tissue can perform none of its basic functions.
    SiteLacksBasicFunction,
    /// A declared or implied function is not one the recipient's tissue performs at the site.
    NotPerformedAtSite,
}

impl NotHomologousBecause {
    /// The finding's reason (a row of [`REASONS`]).
    pub(crate) const fn reason(self) -> &'static crate::Reason {
        match self {
            Self::IndicationNeedsOtherFunction => &INDICATION_NEEDS_OTHER_FUNCTION,
            Self::DeclaredNotBasic => &DECLARED_NOT_BASIC,
            Self::SiteLacksBasicFunction => &SITE_LACKS_BASIC_FUNCTION,
            Self::NotPerformedAtSite => &NOT_PERFORMED_AT_SITE,
        }
    }

    /// The input path the reason points at.
    pub(crate) const fn path(self) -> &'static str {
        match self {
            Self::IndicationNeedsOtherFunction => "intended_use.indications",
            Self::DeclaredNotBasic => "intended_use.functions",
            Self::SiteLacksBasicFunction | Self::NotPerformedAtSite => "intended_use.site_of_use",
        }
    }
}

/// The reasons the homologous-use reading gives (shared by the US, EU and Japanese rules).
mod reasons {
    use crate::reason::reasons;

    reasons! {
        INDICATION_NEEDS_OTHER_FUNCTION = "H001": "treating the stated indication needs a function the source tissue does not perform in the donor, so the use is not homologous";
        DECLARED_NOT_BASIC = "H002": "a declared function is not a basic function of the source tissue in the donor, so the use is not homologous";
        SITE_LACKS_BASIC_FUNCTION = "H003": "at the site of use the source tissue can perform none of its basic functions, so it cannot do there what it did in the donor";
        NOT_PERFORMED_AT_SITE = "H004": "a function the product is meant to perform is not one the recipient's tissue performs at the site of use";
    }
}
pub(crate) use reasons::ALL as REASONS;
use reasons::{
    DECLARED_NOT_BASIC, INDICATION_NEEDS_OTHER_FUNCTION, NOT_PERFORMED_AT_SITE,
    SITE_LACKS_BASIC_FUNCTION,
};

/// A short list of tissue functions, kept on the stack: the analysis allocates nothing.
pub(crate) type Functions = SmallVec<[TissueFunction; 12]>;

fn push_once<A: smallvec::Array>(list: &mut SmallVec<A>, item: A::Item)
where
    A::Item: PartialEq,
{
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The sites a route into a closed compartment can reach, or `None` for a route that reaches
/// more than one kind of site.
const fn confines(route: crate::Route) -> Option<&'static [SiteOfUse]> {
    use crate::Route;
    use SiteOfUse as S;
    match route {
        Route::IntraArticular => Some(&[S::JointSpace]),
        Route::Intradiscal => Some(&[S::IntervertebralDisc]),
        Route::Intraosseous => Some(&[S::Bone, S::BoneMarrowCavity]),
        Route::Intrathecal | Route::Intracerebral => Some(&[S::CentralNervousSystem]),
        Route::Intramyocardial => Some(&[S::HeartMuscle]),
        Route::Intracoronary => Some(&[S::CoronaryCirculation, S::HeartMuscle]),
        Route::Intravenous
        | Route::IntraArterial
        | Route::Periarticular
        | Route::Intralesional
        | Route::Intramuscular
        | Route::Intraocular
        | Route::Inhalation
        | Route::Subcutaneous
        | Route::Intradermal
        | Route::Topical => None,
    }
}

/// **Compares what the product is meant to do with what its tissue does, at the site of use.**
///
/// Read through [`Profile::homologous`], which works it out once per product.
pub(crate) fn analyse<'a>(p: &Profile<'a>) -> Homologous<'a> {
    let product = p.product;
    let mut missing: SmallVec<[&'static str; 6]> = SmallVec::new();
    let tissue = product.tissue;
    let basic = tissue.map(|t| t.info().basic_functions);
    let others: SmallVec<[TissueSource; 2]> =
        product.tissues().filter(|t| Some(*t) != tissue).collect();
    // The basic functions of every tissue named whose functions are known: each is compared
    // with what the product is meant to do, and the least favourable answer holds.
    let known_basics: SmallVec<[&'static [TissueFunction]; 3]> = tissue
        .into_iter()
        .chain(others.iter().copied())
        .map(|t| t.info().basic_functions)
        .filter(|b| !b.is_empty())
        .collect();
    match basic {
        None => missing.push("tissue"),
        Some([]) => missing.push("tissue.basic_functions"),
        Some(_) => {}
    }
    if others.iter().any(|t| t.info().basic_functions.is_empty())
        && !missing.contains(&"tissue.basic_functions")
    {
        missing.push("tissue.basic_functions");
    }

    let intended = product.intended_use.as_ref();
    let declared = intended.and_then(|u| u.functions_known());
    let indications = intended.and_then(|u| u.indications_known());
    match intended {
        None => missing.push("intended_use"),
        Some(u) => {
            if declared.is_none() {
                missing.push("intended_use.functions");
            }
            // A condition outside the list needs functions the crate cannot name: unknown.
            if indications.is_none() || !u.other_indications.is_empty() {
                missing.push("intended_use.indications");
            }
        }
    }

    let (stated, routed) = (p.stated_site, p.route_site);
    let mut sites: SmallVec<[SiteOfUse; 2]> = SmallVec::new();
    if let Some(s) = stated {
        sites.push(s);
    }
    if let Some(r) = routed {
        push_once(&mut sites, r);
    }
    if sites.is_empty() {
        if intended.is_some() {
            missing.push("intended_use.site_of_use");
        }
        if product.delivery.is_none() {
            missing.push("delivery.route");
        }
    }

    let mut implied = Functions::new();
    for indication in indications.unwrap_or_default() {
        for f in indication.info().implies {
            push_once(&mut implied, *f);
        }
    }
    let declared_list = declared.unwrap_or_default();
    let expected: Functions = {
        let mut all = implied.clone();
        for f in declared_list {
            push_once(&mut all, *f);
        }
        all
    };

    let mut not_basic = Functions::new();
    let mut because = None;
    for b in &known_basics {
        for f in &implied {
            if !b.contains(f) {
                push_once(&mut not_basic, *f);
                because.get_or_insert(NotHomologousBecause::IndicationNeedsOtherFunction);
            }
        }
    }
    for b in &known_basics {
        for f in declared_list {
            if !b.contains(f) {
                push_once(&mut not_basic, *f);
                because.get_or_insert(NotHomologousBecause::DeclaredNotBasic);
            }
        }
    }
    let declared_against_indications: Functions = if implied.is_empty() {
        Functions::new()
    } else {
        declared_list
            .iter()
            .copied()
            .filter(|f| !implied.contains(f))
            .collect()
    };

    let mut sites_without_basic: SmallVec<[SiteOfUse; 2]> = SmallVec::new();
    let mut not_at_site = Functions::new();
    for site in &sites {
        let there = site.info().functions;
        if known_basics
            .iter()
            .any(|b| !b.iter().any(|f| there.contains(f)))
        {
            sites_without_basic.push(*site);
            because.get_or_insert(NotHomologousBecause::SiteLacksBasicFunction);
        }
        for f in &expected {
            if !there.contains(f) {
                push_once(&mut not_at_site, *f);
                because.get_or_insert(NotHomologousBecause::NotPerformedAtSite);
            }
        }
    }

    // A route into a closed compartment (a joint, a disc, the spinal fluid, the heart muscle)
    // puts the cells there; a stated site outside it contradicts the route. Other routes reach
    // more than one site (fat injected under the skin of the breast is in the breast), so they
    // contradict no stated site.
    let site_conflict = match (stated, product.delivery.map(|d| d.route)) {
        (Some(site), Some(route)) => confines(route).is_some_and(|within| !within.contains(&site)),
        _ => false,
    };

    let verdict = match because {
        Some(reason) => {
            missing.clear();
            HomologousVerdict::NotHomologous(reason)
        }
        None if !missing.is_empty() => HomologousVerdict::Undetermined,
        // Both statements are given: nothing is missing, one of them is wrong. The
        // `contradicts` fact names them.
        None if site_conflict => HomologousVerdict::Undetermined,
        None => HomologousVerdict::Homologous,
    };
    Homologous {
        tissue,
        others,
        basic,
        site_stated: stated.is_some(),
        sites,
        declared,
        indications,
        implied,
        not_basic,
        declared_against_indications,
        not_at_site,
        sites_without_basic,
        missing,
        site_conflict,
        verdict,
    }
}

impl Homologous<'_> {
    /// Opens a finding (undetermined, a warning, at `intended_use`) carrying
    /// [`Self::push_facts`]: the start the EU and Japanese homologous-use rules settle from the
    /// verdict.
    pub(crate) fn open(&self, finding: &mut Finding) {
        finding
            .judge(Outcome::Undetermined, Severity::Warning)
            .point_at("intended_use");
        self.push_facts(&mut finding.facts, 0);
    }

    /// The facts behind the verdict, ready to attach to a finding: the tissue and its basic
    /// functions (as the limit), the sites and their functions, the declared and implied
    /// functions, and every contradiction found.
    pub(crate) fn push_facts(&self, facts: &mut crate::Facts, extra: usize) {
        // One allocation for every fact the finding will hold, `extra` of them the caller's.
        let lists = [
            &self.implied[..],
            &self.not_basic[..],
            &self.declared_against_indications[..],
            &self.not_at_site[..],
        ];
        facts.reserve(
            usize::from(self.tissue.is_some())
                + usize::from(self.basic.is_some())
                + 2 * usize::from(!self.others.is_empty())
                + self.sites.len()
                + usize::from(self.declared.is_some())
                + usize::from(self.indications.is_some())
                + lists.iter().filter(|l| !l.is_empty()).count()
                + usize::from(!self.sites_without_basic.is_empty())
                + extra,
        );
        if let Some(t) = self.tissue {
            facts.push(Fact::code("tissue", t.code()));
        }
        if let Some(b) = self.basic {
            facts.push(Fact::terms("tissue.basic_functions", b.iter().copied()).as_limit());
        }
        if !self.others.is_empty() {
            facts.push(Fact::terms("other_tissues", self.others.iter().copied()));
            let mut functions = Functions::new();
            for t in &self.others {
                for f in t.info().basic_functions {
                    push_once(&mut functions, *f);
                }
            }
            facts.push(
                Fact::terms("other_tissues.basic_functions", functions.iter().copied()).as_limit(),
            );
        }
        for (i, site) in self.sites.iter().enumerate() {
            let fact = Fact::code("intended_use.site_of_use", site.code());
            facts.push(if i == 0 && self.site_stated {
                fact
            } else {
                fact.as_derived()
            });
        }
        if self.site_conflict {
            facts.push(Fact::code_list(
                "contradicts",
                ["intended_use.site_of_use", "delivery.route"],
            ));
        }
        if let Some(d) = self.declared {
            facts.push(Fact::terms("intended_use.functions", d.iter().copied()));
        }
        if let Some(i) = self.indications {
            facts.push(Fact::terms("intended_use.indications", i.iter().copied()));
        }
        if !self.implied.is_empty() {
            facts.push(
                Fact::terms(
                    "intended_use.indications.implied_functions",
                    self.implied.iter().copied(),
                )
                .as_derived(),
            );
        }
        if !self.not_basic.is_empty() {
            facts.push(
                Fact::terms(
                    "intended_use.functions.not_basic",
                    self.not_basic.iter().copied(),
                )
                .as_derived(),
            );
        }
        if !self.declared_against_indications.is_empty() {
            facts.push(
                Fact::terms(
                    "intended_use.functions.contradict_indications",
                    self.declared_against_indications.iter().copied(),
                )
                .as_derived(),
            );
        }
        if !self.sites_without_basic.is_empty() {
            facts.push(
                Fact::terms(
                    "intended_use.site_of_use.without_basic_function",
                    self.sites_without_basic.iter().copied(),
                )
                .as_derived(),
            );
        }
        if !self.not_at_site.is_empty() {
            facts.push(
                Fact::terms(
                    "intended_use.functions.not_at_site",
                    self.not_at_site.iter().copied(),
                )
                .as_derived(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Delivery, Donor, IntendedUse, Product, Route, Text};

    fn analyse(product: &Product) -> Homologous<'_> {
        super::analyse(&Profile::new(product))
    }

    fn product(
        tissue: TissueSource,
        route: Option<Route>,
        site: Option<SiteOfUse>,
        functions: &[TissueFunction],
        indications: &[Indication],
    ) -> Product {
        let mut p = Product::named(Text::new("test").expect("not blank"));
        p.tissue = Some(tissue);
        p.donor = Some(Donor::Autologous);
        p.delivery = route.map(|route| Delivery {
            route,
            guidance: None,
        });
        p.intended_use = Some(IntendedUse {
            functions: Some(functions.to_vec()),
            indications: Some(indications.to_vec()),
            site_of_use: site,
            ..IntendedUse::default()
        });
        p
    }

    #[test]
    fn marrow_in_a_knee_declaring_blood_formation_is_not_homologous_and_says_why() {
        let p = product(
            TissueSource::BoneMarrow,
            Some(Route::IntraArticular),
            None,
            &[TissueFunction::Hematopoiesis],
            &[Indication::KneeOsteoarthritis],
        );
        let h = analyse(&p);
        assert_eq!(
            h.verdict,
            HomologousVerdict::NotHomologous(NotHomologousBecause::IndicationNeedsOtherFunction)
        );
        assert_eq!(
            h.not_basic.as_slice(),
            [TissueFunction::MusculoskeletalRepair]
        );
        assert_eq!(
            h.declared_against_indications.as_slice(),
            [TissueFunction::Hematopoiesis]
        );
        assert_eq!(h.sites_without_basic.as_slice(), [SiteOfUse::JointSpace]);
        assert!(h.missing.is_empty());
    }

    #[test]
    fn amnion_covering_the_eye_surface_is_homologous() {
        let p = product(
            TissueSource::AmnioticMembrane,
            Some(Route::Topical),
            Some(SiteOfUse::EyeSurface),
            &[TissueFunction::Covering],
            &[],
        );
        let h = analyse(&p);
        assert_eq!(h.verdict, HomologousVerdict::Homologous);
        assert_eq!(h.sites.as_slice(), [SiteOfUse::EyeSurface]);
        assert!(h.site_stated);
    }

    #[test]
    fn an_unknown_site_is_the_one_missing_fact() {
        let p = product(
            TissueSource::AmnioticMembrane,
            Some(Route::Topical),
            None,
            &[TissueFunction::Covering],
            &[],
        );
        let h = analyse(&p);
        assert_eq!(h.verdict, HomologousVerdict::Undetermined);
        assert_eq!(h.missing.as_slice(), ["intended_use.site_of_use"]);
    }

    #[test]
    fn a_site_where_the_tissue_does_nothing_it_did_in_the_donor_is_not_homologous() {
        // Fat in the bloodstream: no cushioning, support or storage happens there.
        let p = product(
            TissueSource::AdiposeTissue,
            Some(Route::Intravenous),
            None,
            &[],
            &[],
        );
        assert_eq!(
            analyse(&p).verdict,
            HomologousVerdict::NotHomologous(NotHomologousBecause::SiteLacksBasicFunction)
        );
    }
}
