//! The product / treatment record: the input document every rule engine reads.

use crate::{
    AddedArticle, BodyWeightKg, CellCount, CellPreparation, CellsPerKg, CfuFrequency,
    Determination, Donor, EndotoxinEuPerMl, ImageGuidance, Indication, IsoDate, Mechanism,
    Millilitres, MscDesignation, NotPerformedReason, Passage, Percent, PopulationDoublings,
    ProcessingStep, ProductState, ReleaseTest, Route, SecretedFactor, SiteOfUse, SupplyModel,
    SurfaceMarker, TestOutcome, Text, TissueFunction, TissueSource, ViabilityMethod,
    ViabilityTiming,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// **One MSC product or treatment, as a clinic, lab or registry describes it.**
///
/// It ties together where the cells come from ([`TissueSource`], [`Donor`]), what was done to
/// them ([`Processing`]), what they are meant to do ([`IntendedUse`]), how they are given
/// ([`Delivery`], [`Dose`]) and what release testing showed ([`ReleaseData`]).
///
/// Almost every field is optional, on purpose: a record states what is *known*. The rule engines
/// never assume a missing fact in the product's favour; they report it as missing and the
/// affected outcome as undetermined.
///
/// Unknown fields are rejected (`deny_unknown_fields`), so a misspelt field in regulatory data
/// cannot pass unnoticed.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::Product;
/// use msc_therapy::vocab::{Donor, TissueSource};
///
/// let product = Product::from_json(r#"{
///     "name": "Same-day bone marrow concentrate",
///     "tissue": "bone_marrow",
///     "donor": "autologous",
///     "processing": {"steps": ["centrifugation"], "same_surgical_procedure": true}
/// }"#)?;
/// assert_eq!(product.tissue, Some(TissueSource::BoneMarrow));
/// assert_eq!(product.donor, Some(Donor::Autologous));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
///
/// # Errors
///
/// [`Product::from_json`] returns a [`crate::DocumentError`] naming the path of the first bad
/// field: `release.viability[0].percent: percentage must be between 0 and 100, got 140`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Product {
    /// The product's name as the maker or clinic gives it.
    pub name: Text,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// What kind of preparation it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preparation: Option<CellPreparation>,
    /// What the label calls the cells, if it calls them MSCs of any kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designation: Option<MscDesignation>,
    /// The tissue the cells come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tissue: Option<TissueSource>,
    /// Further tissues the product is made from besides [`Product::tissue`]: a product of
    /// amniotic membrane and amniotic fluid, of Wharton's jelly and placenta. Absent means no
    /// other tissue is stated, and the rules read [`Product::tissue`] alone; `[]` states that
    /// there is none. The rules take the least favourable reading across every tissue named
    /// (structural or nonstructural, each tissue's basic functions), so another tissue can only
    /// count against the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_tissues: Option<Vec<TissueSource>>,
    /// Who the cells come from, relative to the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor: Option<Donor>,
    /// How the product reaches the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply: Option<SupplyModel>,
    /// What was done to the cells between recovery and use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<Processing>,
    /// What the product is meant to do, as shown by its labelling and advertising.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_use: Option<IntendedUse>,
    /// How it is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// The mechanisms of action the maker claims. Absent means not stated; `[]` states that the
    /// maker claims none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanisms: Option<Vec<Mechanism>>,
    /// Secreted factors the maker names. Absent means not stated; `[]` states that it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secreted_factors: Option<Vec<SecretedFactor>>,
    /// The dose given per administration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<Dose>,
    /// The patient receiving it, when the record is for one treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    /// Release-testing results and the certificate of analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<ReleaseData>,
    /// How the lot was made and released, as an inspection or a warning letter records it:
    /// donor eligibility, aseptic process validation, reagents, investigations, expiry dating,
    /// distribution before release. Absent means not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturing: Option<Manufacturing>,
    /// What authorities determined about this product: FDA warning and untitled letters, court
    /// decisions, EMA CAT classification recommendations ([`Determination`]). Each settles the
    /// criterion or classification it names from the day it is dated. Absent means none is
    /// recorded; `[]` states that there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub determinations: Option<Vec<Determination>>,
}

impl Product {
    /// A record with a name and nothing else known.
    #[must_use]
    pub fn named(name: Text) -> Self {
        Self {
            name,
            description: None,
            preparation: None,
            designation: None,
            tissue: None,
            other_tissues: None,
            donor: None,
            supply: None,
            processing: None,
            intended_use: None,
            delivery: None,
            mechanisms: None,
            secreted_factors: None,
            dose: None,
            recipient: None,
            release: None,
            manufacturing: None,
            determinations: None,
        }
    }

    /// **Every source tissue the record names**: [`Product::tissue`], then each of
    /// [`Product::other_tissues`] not named before. The rules read them all, the least
    /// favourable way; when `tissue` is not stated the product's tissue is unknown whatever
    /// else is listed.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Product;
    /// use msc_therapy::vocab::{Text, TissueSource};
    ///
    /// let mut p = Product::named(Text::new("Amniotic injection")?);
    /// p.tissue = Some(TissueSource::AmnioticMembrane);
    /// p.other_tissues = Some(vec![TissueSource::AmnioticFluid, TissueSource::AmnioticMembrane]);
    /// let all: Vec<_> = p.tissues().collect();
    /// assert_eq!(all, [TissueSource::AmnioticMembrane, TissueSource::AmnioticFluid]);
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    pub fn tissues(&self) -> impl Iterator<Item = TissueSource> + '_ {
        let others = self.other_tissues.as_deref().unwrap_or_default();
        self.tissue.into_iter().chain(
            others
                .iter()
                .enumerate()
                .filter(move |(i, t)| Some(**t) != self.tissue && !others[..*i].contains(t))
                .map(|(_, t)| *t),
        )
    }

    /// Whether every tissue named satisfies `test` (`false` when [`Product::tissue`] is not
    /// stated).
    pub(crate) fn every_tissue(&self, test: impl Fn(TissueSource) -> bool) -> bool {
        self.tissue.is_some() && self.tissues().all(test)
    }

    /// Reads a product document from JSON.
    ///
    /// # Errors
    ///
    /// A [`crate::DocumentError`] with the path of the failing field: malformed JSON, an
    /// unknown field, a wrong enum name or a value outside its domain.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Self, crate::DocumentError> {
        crate::error::from_json(json)
    }

    /// **Where in the recipient the product goes**: the site the intended use states
    /// ([`IntendedUse::site_of_use`]), else the one the route implies
    /// ([`crate::RouteInfo::default_site`]), else `None` (unknown).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Product;
    /// use msc_therapy::document::{Delivery, IntendedUse};
    /// use msc_therapy::vocab::{Route, SiteOfUse, Text};
    ///
    /// let mut p = Product::named(Text::new("Fat graft")?);
    /// assert_eq!(p.site_of_use(), None);
    /// p.delivery = Some(Delivery { route: Route::Intravenous, guidance: None });
    /// assert_eq!(p.site_of_use(), Some(SiteOfUse::SystemicCirculation));
    /// p.intended_use = Some(IntendedUse { site_of_use: Some(SiteOfUse::Breast), ..IntendedUse::default() });
    /// assert_eq!(p.site_of_use(), Some(SiteOfUse::Breast));
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    #[must_use]
    pub fn site_of_use(&self) -> Option<SiteOfUse> {
        self.stated_site_of_use()
            .or_else(|| self.route_site_of_use())
    }

    /// The site of use the intended use states, if it states one.
    #[must_use]
    pub fn stated_site_of_use(&self) -> Option<SiteOfUse> {
        self.intended_use.as_ref().and_then(|u| u.site_of_use)
    }

    /// The site of use the delivery route implies, if the route is stated and implies one.
    #[must_use]
    pub fn route_site_of_use(&self) -> Option<SiteOfUse> {
        self.delivery.and_then(|d| d.route.info().default_site)
    }

    /// The claimed mechanisms, if the record states them (`Some(&[])`: it states none).
    #[must_use]
    pub fn mechanisms_known(&self) -> Option<&[Mechanism]> {
        self.mechanisms.as_deref()
    }
}

/// **What was done to the cells between recovery from the donor and use in the patient.**
///
/// Every field is optional and absent means *not stated*: a record that omits `steps` has not
/// said that nothing was done, and the rules treat the processing as unknown. `"steps": []` is
/// the explicit statement that no step was performed, and `"added_articles": []` that nothing
/// was combined with the cells.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::Processing;
/// use msc_therapy::vocab::ProcessingStep;
///
/// let p = Processing { steps: Some(vec![ProcessingStep::CultureExpansion]), ..Processing::default() };
/// assert_eq!(p.steps_known(), Some(&[ProcessingStep::CultureExpansion][..]));
/// assert_eq!(Processing::default().steps_known(), None); // not stated
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Processing {
    /// Every processing step, in order. Absent means the steps are not stated; an empty list
    /// states that nothing was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<ProcessingStep>>,
    /// Articles combined with the cells: saline, DMSO, hyaluronic acid, a scaffold, a drug.
    /// Absent means not stated; an empty list states that nothing was combined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_articles: Option<Vec<AddedArticle>>,
    /// The cells were removed and put back into the same patient during one surgical procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_surgical_procedure: Option<bool>,
    /// The maker holds data showing that steps whose effect "depends on data" keep the tissue's
    /// relevant characteristics (FDA's minimal-manipulation test). Absent means no such data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_manipulation_data: Option<bool>,
    /// With a `genetic_modification` step: the product's therapeutic, prophylactic or
    /// diagnostic effect relates directly to the recombinant nucleic acid sequence it contains,
    /// or to the product of that sequence's genetic expression — condition (b) of the gene
    /// therapy medicinal product definition (Directive 2001/83/EC Annex I Part IV, point 2.1).
    /// `false` states that the modification is not what the product works through (e.g. a
    /// transient modification made only during manufacture). Absent means not stated, and the
    /// EU class of a genetically modified product stays open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_from_recombinant_nucleic_acid: Option<bool>,
}

impl Processing {
    /// The steps, if the record states them (`Some(&[])`: it states that nothing was done).
    #[must_use]
    pub fn steps_known(&self) -> Option<&[ProcessingStep]> {
        self.steps.as_deref()
    }

    /// The added articles, if the record states them (`Some(&[])`: nothing was combined).
    #[must_use]
    pub fn added_articles_known(&self) -> Option<&[AddedArticle]> {
        self.added_articles.as_deref()
    }
}

/// **What the product is meant to do in the patient**, as its labelling, advertising and the
/// statements of its sellers show (21 CFR 1271.10(a)(2) counts all of them).
///
/// Absent means not stated: a record without `indications` has not said the product treats
/// nothing, and the homologous-use tests stay open until it says; `[]` is the statement.
///
/// A condition outside the crate's [`Indication`] list is named in the same `indications` list
/// of the document as a [`crate::CodedCondition`] (a diagnosis code and its wording); it is read
/// into [`IntendedUse::other_indications`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "IntendedUseDocument", into = "IntendedUseDocument")]
pub struct IntendedUse {
    /// The functions the product is meant to perform in the recipient, as declared. Absent
    /// means not stated; `[]` states that none is claimed. Declared functions are one input of
    /// homologous use, not the whole answer: the site of use and the indications count too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<Vec<TissueFunction>>,
    /// The conditions it is meant to treat. Absent means not stated; `[]` states that it is
    /// offered for no condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indications: Option<Vec<Indication>>,
    /// Where in the recipient the product goes. When absent, the rules derive it from the
    /// route ([`crate::RouteInfo::default_site`]); see [`Product::site_of_use`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_of_use: Option<SiteOfUse>,
    /// The product has an effect on the whole body, not just where it is placed
    /// (21 CFR 1271.10(a)(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub systemic_effect: Option<bool>,
    /// Its primary function depends on the metabolic activity of living cells — as MSCs acting
    /// by secreting factors do (21 CFR 1271.10(a)(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on_living_cells: Option<bool>,
    /// For reproductive use (21 CFR 1271.10(a)(4)(ii)(c)). Absent means not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reproductive_use: Option<bool>,
    /// Conditions outside the crate's list that the document names in its `indications` list.
    /// The rules gain nothing from them: homologous use cannot be shown, they match no approved
    /// product, and each counts as a family of its own for the "myriad of diseases" test
    /// ([`crate::CodedCondition::families`]). Written back into `indications` after the listed
    /// terms.
    pub other_indications: Vec<crate::CodedCondition>,
}

/// What the product is meant to do in the patient, as its labelling, advertising and the
/// statements of its sellers show (21 CFR 1271.10(a)(2) counts all of them). Absent means not
/// stated; `[]` is the statement. Conditions outside the crate's list are named in `indications`
/// by a diagnosis code and its wording.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "IntendedUse"))]
#[serde(deny_unknown_fields)]
struct IntendedUseDocument {
    /// The functions the product is meant to perform in the recipient, as declared. Absent
    /// means not stated; `[]` states that none is claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    functions: Option<Vec<TissueFunction>>,
    /// The conditions it is meant to treat: listed indications by name, others as a code and
    /// its wording. Absent means not stated; `[]` states that it is offered for no condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indications: Option<Vec<crate::StatedIndication>>,
    /// Where in the recipient the product goes. When absent, the rules derive it from the
    /// route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    site_of_use: Option<SiteOfUse>,
    /// The product has an effect on the whole body, not just where it is placed
    /// (21 CFR 1271.10(a)(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    systemic_effect: Option<bool>,
    /// Its primary function depends on the metabolic activity of living cells
    /// (21 CFR 1271.10(a)(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    depends_on_living_cells: Option<bool>,
    /// For reproductive use (21 CFR 1271.10(a)(4)(ii)(c)). Absent means not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reproductive_use: Option<bool>,
}

impl From<IntendedUseDocument> for IntendedUse {
    fn from(doc: IntendedUseDocument) -> Self {
        let mut other_indications = Vec::new();
        let indications = doc.indications.map(|list| {
            let mut listed = Vec::with_capacity(list.len());
            for entry in list {
                match entry {
                    crate::StatedIndication::Listed(i) => listed.push(i),
                    crate::StatedIndication::Unlisted(c) => other_indications.push(c),
                }
            }
            listed
        });
        Self {
            functions: doc.functions,
            indications,
            site_of_use: doc.site_of_use,
            systemic_effect: doc.systemic_effect,
            depends_on_living_cells: doc.depends_on_living_cells,
            reproductive_use: doc.reproductive_use,
            other_indications,
        }
    }
}

impl From<IntendedUse> for IntendedUseDocument {
    fn from(u: IntendedUse) -> Self {
        let indications = if u.indications.is_none() && u.other_indications.is_empty() {
            None
        } else {
            let listed = u.indications.unwrap_or_default().into_iter();
            let other = u.other_indications.into_iter();
            Some(
                listed
                    .map(crate::StatedIndication::Listed)
                    .chain(other.map(crate::StatedIndication::Unlisted))
                    .collect(),
            )
        };
        Self {
            functions: u.functions,
            indications,
            site_of_use: u.site_of_use,
            systemic_effect: u.systemic_effect,
            depends_on_living_cells: u.depends_on_living_cells,
            reproductive_use: u.reproductive_use,
        }
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for IntendedUse {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IntendedUse".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        IntendedUseDocument::json_schema(generator)
    }
}

impl IntendedUse {
    /// The declared functions, if stated (`Some(&[])`: none claimed).
    #[must_use]
    pub fn functions_known(&self) -> Option<&[TissueFunction]> {
        self.functions.as_deref()
    }

    /// The indications, if stated (`Some(&[])`: offered for no condition).
    #[must_use]
    pub fn indications_known(&self) -> Option<&[Indication]> {
        self.indications.as_deref()
    }
}

/// **How the product is given.**
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The route of administration.
    pub route: Route,
    /// How the needle is guided, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<ImageGuidance>,
}

/// **The dose of one administration.**
///
/// Either the absolute number of viable cells, the number per kilogram, or both; with the
/// recipient's weight the rules derive one from the other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Dose {
    /// Viable cells given in one administration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viable_cells: Option<CellCount>,
    /// Viable cells per kilogram of body weight in one administration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cells_per_kg: Option<CellsPerKg>,
    /// The volume given in one administration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_ml: Option<Millilitres>,
    /// How many administrations the course has: at least one (0 is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrations: Option<std::num::NonZeroU32>,
}

/// **The patient receiving a treatment.**
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Body weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<BodyWeightKg>,
}

/// **How a lot was made and released: the manufacturing and compliance facts FDA's
/// inspections and warning letters turn on.**
///
/// A certificate of analysis reports a lot's test results; it does not say whether the donor
/// was found eligible, whether the aseptic process was validated, which reagents went in,
/// whether sterility failures were investigated, what supports the expiry date or whether the
/// lot left before its results were in. FDA's letters to cell and tissue firms turn on exactly
/// these facts (e.g. Genetech, Inc., Warning Letter OBPO 19-03, 29 Nov 2018: no donor
/// eligibility determined, non-sterile "research use only" reagents added to batches; Kimera
/// Labs, Warning Letter 23-649343, 1 Sep 2023: a positive sterility result not investigated),
/// and each field below is written the way they state it.
///
/// Every field is optional and absent means **not stated**, never "done". The quality rules
/// ([`crate::assess_quality`]) fail a lot on a stated failing value. An absent donor-eligibility
/// determination for a lot from another person's cells is a warning that asks for it (21 CFR
/// 1271.265(c)(2) makes it a condition of distributing that very lot, and the summary of records
/// that states it accompanies the lot, 1271.55); the other facts concern the
/// establishment's process rather than the lot's results, so an absent one is listed as missing
/// without moving the verdict.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::Product;
///
/// let lot = Product::from_json(r#"{
///     "name": "Umbilical cord blood product",
///     "donor": "allogeneic_unrelated",
///     "manufacturing": {"donor_eligibility_determined": false, "research_grade_reagents_used": true}
/// }"#)?;
/// let m = lot.manufacturing.unwrap();
/// assert_eq!(m.donor_eligibility_determined, Some(false));
/// assert_eq!(m.aseptic_process_validated, None); // not stated
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Manufacturing {
    /// A donor-eligibility determination was made for the donor of the lot's cells or tissue,
    /// based on donor screening and testing, and found the donor eligible (21 CFR 1271.45(b),
    /// 1271.50(a)). `false` states that none was made or completed ("neither you … nor your
    /// suppliers have determined donor eligibility", FDA to Genetech, Inc., 2018): the lot must
    /// not be made available for distribution (21 CFR 1271.265(c)(2)) and stays in quarantine
    /// (1271.60). Not required for autologous use (1271.90(a)(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_eligibility_determined: Option<bool>,
    /// The aseptic process the lot was made by is validated, by process simulations (media
    /// fills) that follow the commercial process (21 CFR 211.113(b); for HCT/Ps, 1271.230(a)).
    /// `false` states that it is not, as FDA found at StemGenex Biologic Laboratories (no media
    /// fills, 2018) and Pinnacle Transplant Technologies (media fills that did not simulate the
    /// process, 2024).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aseptic_process_validated: Option<bool>,
    /// A reagent or component that went into the lot was research-grade ("for research use
    /// only") or non-sterile where it must be sterile (21 CFR 211.84(d); for HCT/Ps,
    /// 1271.210(a)-(b)). `true` states that one was, as FDA found at Genetech, Inc. (2018);
    /// `false` that none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub research_grade_reagents_used: Option<bool>,
    /// Every positive sterility result of the product's lots was thoroughly investigated, its
    /// cause sought and the lots it may touch evaluated (21 CFR 211.192). `false` states that
    /// one was not, as FDA found at Kimera Labs (2023) and Pinnacle Transplant Technologies
    /// (eight sterility failures, 2024).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sterility_failures_investigated: Option<bool>,
    /// The lot's expiry date, and any extension of it, is supported by stability data from a
    /// written stability programme (21 CFR 211.137(a), 211.166(a); for HCT/Ps, 1271.260(c)).
    /// `false` states that it is not: an expiry date set or extended without such data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_supported_by_stability_data: Option<bool>,
    /// The lot was shipped or made available for distribution before its release results were
    /// in and shown to meet specification (21 CFR 211.165(a), 610.1; for HCT/Ps,
    /// 1271.265(c)(1)-(2)). `true` states that it was; `false` that it was released only after.
    /// A same-day bedside preparation is not a released lot: its record leaves this out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distributed_before_release_results: Option<bool>,
}

/// **Release-testing results for a lot or a bedside preparation, and its certificate.**
///
/// A *certificate of analysis* (CoA) is the document a manufacturer issues for one lot, listing
/// each release test, its specification and its result. When `certificate` is present, the
/// results below are the ones it reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReleaseData {
    /// The certificate of analysis that reports these results, if one was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Certificate>,
    /// Fresh or cryopreserved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ProductState>,
    /// Viable nucleated cells per dose (or per vial, for one-vial doses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viable_nucleated_cells: Option<CellCount>,
    /// Total nucleated cells per dose, living and dead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_nucleated_cells: Option<CellCount>,
    /// Viability measurements: the share of cells alive, with when and how it was measured.
    /// Absent and `[]` mean the same — no figure is reported — and the quality rules treat both
    /// as a missing result, never as a pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub viability: Vec<Viability>,
    /// Identity testing: surface markers, plastic adherence, differentiation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityPanel>,
    /// Sterility test (e.g. USP <71>).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sterility: Option<TestOutcome>,
    /// Mycoplasma test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mycoplasma: Option<TestOutcome>,
    /// Bacterial endotoxins (USP <85>), in EU/mL of the final product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endotoxin_eu_per_ml: Option<EndotoxinEuPerMl>,
    /// The product's own endotoxin specification, in EU/mL, when its maker states one (e.g.
    /// < 0.5 EU/mL). A specification, not a fact: absent, the pharmacopoeia's default applies —
    /// the USP <85> limit K/M computed from the route, dose volume and body weight; stated, the
    /// result is held against the lower of the two. The finding names the limit it used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endotoxin_limit_eu_per_ml: Option<EndotoxinEuPerMl>,
    /// Safety release tests the record states were **not performed**, each with its reason:
    /// `{"sterility": "not_required_point_of_care"}`. Distinct from a result left out (not
    /// stated) and from a negative result. The quality rules accept a test not performed only
    /// where the law does not require it (a same-day autologous bedside preparation: a warning
    /// saying what was not shown); on a released lot it stays blocking. A test listed here and
    /// given a result as well is a contradiction the quality rules report. A test listed twice
    /// is refused.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_tests"
    )]
    pub not_performed: BTreeMap<ReleaseTest, NotPerformedReason>,
    /// Culture passage at harvest, for expanded cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<Passage>,
    /// Cumulative population doublings at harvest, for expanded cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_doublings: Option<PopulationDoublings>,
    /// The product's own limit on passage number, from its specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage_limit: Option<Passage>,
    /// The product's own limit on population doublings, from its specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_doubling_limit: Option<PopulationDoublings>,
    /// Colony-forming units (fibroblast), CFU-F: colonies grown per million cells plated. The
    /// functional test that shows living MSC-like cells are present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cfu_f_per_million: Option<CfuFrequency>,
    /// A potency assay, such as suppression of T-cell proliferation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potency: Option<PotencyResult>,
    /// The lot (batch) these data describe, as the product's label gives it. The certificate of
    /// analysis must be for this lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<Text>,
    /// Whether a certificate of analysis was issued for the lot. `false` states that none was
    /// (distinct from absent: not stated); `false` together with a `certificate` is a
    /// contradiction the quality rules report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_issued: Option<bool>,
}

impl ReleaseData {
    /// The viability figure the patient's product is judged on, for the state recorded in
    /// [`ReleaseData::state`]: see [`ReleaseData::viability_for`].
    #[must_use]
    pub fn applicable_viability(&self) -> Option<Percent> {
        self.viability_for(self.state)
    }

    /// The viability figure a product in `state` is judged on.
    ///
    /// - Cryopreserved: the lowest **post-thaw** figure. A figure measured before freezing does
    ///   not count, because freezing and thawing kill cells: with only such figures the answer
    ///   is `None`, so the product is flagged rather than judged on a number it no longer has.
    /// - Fresh: the lowest figure of all, whatever its timing.
    /// - Unknown state: only post-thaw figures, as for a cryopreserved product. A figure taken
    ///   before freezing describes the product as given only if it was never frozen, and the
    ///   record does not say so.
    ///
    /// A figure whose timing is not stated is read least favourably: it never stands in for a
    /// post-thaw figure (with no post-thaw figure the answer is `None`), but beside a post-thaw
    /// figure it counts when it is lower, since it may be one. For a fresh product it counts
    /// like any other figure.
    ///
    /// `None` when no figure applies.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::{ReleaseData, Viability};
    /// use msc_therapy::vocab::{Percent, ProductState, ViabilityTiming};
    ///
    /// let mut release = ReleaseData::default();
    /// release.viability = vec![Viability::new(95.0, ViabilityTiming::BeforeFreezing)?];
    /// assert_eq!(release.viability_for(Some(ProductState::Fresh)), Some(Percent::new(95.0)?));
    /// assert_eq!(release.viability_for(Some(ProductState::Cryopreserved)), None);
    /// assert_eq!(release.viability_for(None), None);
    ///
    /// // A figure of unstated timing is no post-thaw result, but may count against one.
    /// release.viability = vec![Viability::timing_not_stated(60.0)?];
    /// assert_eq!(release.viability_for(Some(ProductState::Cryopreserved)), None);
    /// release.viability.push(Viability::new(88.0, ViabilityTiming::PostThaw)?);
    /// assert_eq!(release.viability_for(Some(ProductState::Cryopreserved)), Some(Percent::new(60.0)?));
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    #[must_use]
    pub fn viability_for(&self, state: Option<ProductState>) -> Option<Percent> {
        let lowest = |figures: &mut dyn Iterator<Item = &Viability>| {
            figures
                .map(|v| v.percent)
                .min_by(|a, b| a.get().total_cmp(&b.get()))
        };
        if state == Some(ProductState::Fresh) {
            return lowest(&mut self.viability.iter());
        }
        let post_thaw = |v: &&Viability| v.timing == Some(ViabilityTiming::PostThaw);
        let post_thaw_figure = lowest(&mut self.viability.iter().filter(post_thaw))?;
        let unstated = lowest(&mut self.viability.iter().filter(|v| v.timing.is_none()));
        Some(match unstated {
            Some(u) if u.get() < post_thaw_figure.get() => u,
            _ => post_thaw_figure,
        })
    }

    /// The lowest viability figure whose timing is not stated, if any.
    #[must_use]
    pub fn lowest_viability_of_unstated_timing(&self) -> Option<Percent> {
        self.viability
            .iter()
            .filter(|v| v.timing.is_none())
            .map(|v| v.percent)
            .min_by(|a, b| a.get().total_cmp(&b.get()))
    }
}

/// **The header of a certificate of analysis**: which lot it covers and who issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Certificate {
    /// The lot (batch) number.
    pub lot: Text,
    /// The laboratory or manufacturer that issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Text>,
    /// The date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<IsoDate>,
    /// The expiry date of the lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<IsoDate>,
}

/// **One viability measurement.**
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Viability {
    /// The share of nucleated cells alive.
    pub percent: Percent,
    /// Before freezing (or fresh) or after thawing. Absent means not stated: such a figure
    /// never counts as a post-thaw result where one is required, and counts against the product
    /// wherever it could describe what the patient receives ([`ReleaseData::viability_for`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<ViabilityTiming>,
    /// The method used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ViabilityMethod>,
}

/// **Identity testing against the ISCT minimal criteria.**
///
/// `markers` maps each [`SurfaceMarker`] measured to the percentage of cells positive for it,
/// e.g. `{"cd73": 98.7, "hla_dr": 0.4}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IdentityPanel {
    /// Flow-cytometry results: percentage of cells positive for each marker.
    ///
    /// A marker listed twice is an error ([`crate::ValueError::Duplicate`]), not "the last one
    /// wins".
    #[serde(default, deserialize_with = "unique_markers")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "marker_map_schema"))]
    pub markers: BTreeMap<SurfaceMarker, Percent>,
    /// The cells stick to plastic in standard culture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plastic_adherent: Option<bool>,
    /// The cells differentiated into bone, fat and cartilage cells in vitro.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trilineage_differentiation: Option<bool>,
}

/// **A potency assay result.**
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PotencyResult {
    /// The assay, e.g. "inhibition of PHA-induced PBMC proliferation".
    pub assay: Text,
    /// The result met the product's specification.
    pub meets_specification: bool,
}

/// The schema of [`IdentityPanel::markers`]: an object with one named, optional property per
/// [`SurfaceMarker`] (its label as the description), each a [`Percent`], and no other property.
/// schemars would describe the map as `{[k: string]: Percent}`, which lets a misspelt marker
/// (`{"cd7e": 99}`) pass a validator and gives generated code no field names; deserialization
/// rejects it, and so does this schema.
#[cfg(feature = "schemars")]
fn marker_map_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let percent = generator.subschema_for::<Percent>();
    let properties: serde_json::Map<String, serde_json::Value> = SurfaceMarker::ALL
        .iter()
        .map(|marker| {
            let mut property = percent.clone();
            property.insert(
                "description".to_owned(),
                format!("Percentage of cells positive for {}.", marker.label()).into(),
            );
            (marker.code().to_owned(), property.to_value())
        })
        .collect();
    schemars::json_schema!({
        "title": "MarkerPercentages",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

impl fmt::Display for Product {
    /// A short summary for people: what it is, where it comes from, what was done to it, how it
    /// is given and what release testing showed. Unknown facts are written as "not stated".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn or_unknown<T: AsRef<str>>(value: Option<T>) -> String {
            value.map_or_else(|| "not stated".to_owned(), |v| v.as_ref().to_owned())
        }
        writeln!(f, "Product: {}", self.name)?;
        writeln!(
            f,
            "  preparation: {}",
            or_unknown(self.preparation.map(CellPreparation::label))
        )?;
        writeln!(
            f,
            "  source: {} from {} ({})",
            or_unknown(self.tissue.map(TissueSource::label)),
            or_unknown(self.donor.map(Donor::label)),
            or_unknown(self.supply.map(SupplyModel::label)),
        )?;
        if let Some(others) = self.other_tissues.as_deref().filter(|o| !o.is_empty()) {
            let labels: Vec<&str> = others.iter().map(|t| t.label()).collect();
            writeln!(f, "  also from: {}", labels.join(", "))?;
        }
        match &self.processing {
            None => writeln!(f, "  processing: not stated")?,
            Some(p) => {
                let steps = match p.steps_known() {
                    None => "steps not stated".to_owned(),
                    Some([]) => "none".to_owned(),
                    Some(steps) => steps
                        .iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                write!(f, "  processing: {steps}")?;
                if p.same_surgical_procedure == Some(true) {
                    write!(f, " (same surgical procedure)")?;
                }
                writeln!(f)?;
            }
        }
        if let Some(use_) = &self.intended_use {
            let indications: Vec<&str> = use_
                .indications_known()
                .unwrap_or_default()
                .iter()
                .map(|i| i.label())
                .collect();
            if !indications.is_empty() {
                writeln!(f, "  for: {}", indications.join(", "))?;
            }
        }
        match &self.delivery {
            None => writeln!(f, "  route: not stated")?,
            Some(d) => writeln!(
                f,
                "  route: {}, guidance: {}",
                d.route.label(),
                or_unknown(d.guidance.map(ImageGuidance::label))
            )?,
        }
        if let Some(dose) = &self.dose {
            match (dose.viable_cells, dose.cells_per_kg) {
                (Some(cells), _) => writeln!(f, "  dose: {cells} viable cells")?,
                (None, Some(per_kg)) => {
                    write!(f, "  dose: ")?;
                    crate::units::write_scientific(f, per_kg.get())?;
                    writeln!(f, " cells/kg")?;
                }
                (None, None) => writeln!(f, "  dose: not stated")?,
            }
        }
        for d in self.determinations.as_deref().unwrap_or_default() {
            writeln!(
                f,
                "  determination: {} {} ({}, {}, {})",
                d.rule,
                d.outcome.code(),
                d.issuer,
                d.title,
                d.dated
            )?;
        }
        match &self.release {
            None => writeln!(f, "  release testing: none reported")?,
            Some(r) => {
                write!(f, "  release testing:")?;
                match &r.certificate {
                    Some(c) => write!(f, " certificate of analysis for lot {}", c.lot)?,
                    None => write!(f, " no certificate of analysis")?,
                }
                if let Some(v) = r.applicable_viability() {
                    write!(f, "; viability {v} %")?;
                }
                if let Some(n) = r.viable_nucleated_cells {
                    write!(f, "; {n} viable nucleated cells")?;
                }
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

/// Reads [`IdentityPanel::markers`], rejecting a marker that appears twice: JSON objects may
/// repeat a key, and serde's map would silently keep the last value.
fn unique_markers<'de, D>(deserializer: D) -> Result<BTreeMap<SurfaceMarker, Percent>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Markers;

    impl<'de> serde::de::Visitor<'de> for Markers {
        type Value = BTreeMap<SurfaceMarker, Percent>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map from surface marker names to percentages")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut markers = BTreeMap::new();
            while let Some((marker, percent)) = map.next_entry::<SurfaceMarker, Percent>()? {
                if markers.insert(marker, percent).is_some() {
                    return Err(crate::error::duplicate_key(
                        marker.code(),
                        crate::ValueError::Duplicate {
                            what: "identity panel",
                            key: marker.code().to_owned(),
                        },
                    ));
                }
            }
            Ok(markers)
        }
    }

    deserializer.deserialize_map(Markers)
}

/// Reads [`ReleaseData::not_performed`], rejecting a test that appears twice: JSON objects may
/// repeat a key, and serde's map would silently keep the last reason.
fn unique_tests<'de, D>(
    deserializer: D,
) -> Result<BTreeMap<ReleaseTest, NotPerformedReason>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Tests;

    impl<'de> serde::de::Visitor<'de> for Tests {
        type Value = BTreeMap<ReleaseTest, NotPerformedReason>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map from release test names to the reason each was not performed")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut tests = BTreeMap::new();
            while let Some((test, reason)) = map.next_entry::<ReleaseTest, NotPerformedReason>()? {
                if tests.insert(test, reason).is_some() {
                    return Err(crate::error::duplicate_key(
                        test.code(),
                        crate::ValueError::Duplicate {
                            what: "tests not performed",
                            key: test.code().to_owned(),
                        },
                    ));
                }
            }
            Ok(tests)
        }
    }

    deserializer.deserialize_map(Tests)
}
