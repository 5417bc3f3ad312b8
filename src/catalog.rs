//! The catalog of MSC products with a marketing authorisation somewhere in the world.
//!
//! Built into the crate as a static Rust table (no parsing at run time, nothing that can fail),
//! transcribed from the project's reference list of approved products. Each entry has a stable
//! [`CatalogKey`], the authorisation numbers the sources give, the kind of authorisation (full,
//! conditional / time-limited, provisional, national), its status and dates, and the label's dose
//! ([`LabelDose`]), next to the original wording of its indication, route and status and its
//! citation.
//!
//! **Identity by key.** An offer names the product it claims to be by its key or one of its
//! authorisation numbers, never by its trade name: a clinic can call anything "Ryoncil-style".
//! The offer evaluation then checks the entry against the offer's facts.
//!
//! Left out on purpose: MesoCellA-Ortho (autologous adipose MSCs for knee osteoarthritis,
//! Jagiellonian University, Poland). The reference list carries it only to record that it has
//! **no** marketing or hospital-exemption authorisation (a completed Phase 1/2 trial,
//! NCT05081921; Phase 3 still needed). A catalog of authorised products must not list it.

use crate::table::vocab;
use crate::{Age, AgeUnit, CellPreparation, Donor, Indication, Route, TissueSource};
use jiff::civil::{Date, date};
use serde::Serialize;

/// **What the crate knows about a jurisdiction**: one row of the [`Jurisdiction`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct JurisdictionInfo {
    /// The regulator that grants marketing authorisations for cell therapies there.
    pub regulator: &'static str,
    /// The body of law whose classification engine the crate runs for an offer made there.
    pub framework: RegulatoryFramework,
    /// National routes to patients outside a marketing authorisation and a trial that the
    /// crate knows, each from the day its law is in force ([`Jurisdiction::national_routes_on`]).
    pub national_routes: &'static [NationalRoute],
}

/// **A national route to patients outside a marketing authorisation and a clinical trial**,
/// from the day its law is in force: Korea's advanced regenerative medicine treatment, China's
/// clinical translation of new biomedical technologies.
///
/// The crate has no engine for these laws: a route says only that the law provides it from a
/// date. Whether an offer is given on it (the institution designated, the committee's or the
/// ministry's approval) is a fact of the offer, never read from the route's existence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NationalRoute {
    /// A stable machine name.
    pub code: &'static str,
    /// The route, as the law names it.
    pub name: &'static str,
    /// The law that provides it.
    pub law: &'static str,
    /// The first day the law providing the route is in force.
    #[serde(serialize_with = "serialize_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "crate::IsoDate"))]
    pub in_force_from: Date,
    /// What the route requires, in short.
    pub requires: &'static str,
    /// Where the facts come from: issuer, title, date.
    pub citation: &'static str,
}

impl NationalRoute {
    /// The route's law is in force on `on`.
    #[must_use]
    pub fn holds_on(&self, on: Date) -> bool {
        self.in_force_from <= on
    }
}

/// South Korea's and China's routes.
const KOREA_ROUTES: &[NationalRoute] = &[NationalRoute {
    code: "kr_advanced_regenerative_medicine_treatment",
    name: "advanced regenerative medicine treatment",
    law: "Act on the Safety of and Support for Advanced Regenerative Medicine and Advanced Biological Products, as amended by Act No. 20331 (promulgated 20 Feb 2024)",
    in_force_from: date(2025, 2, 21),
    requires: "treatment outside clinical trials, only at a designated regenerative medicine institution, after the national review committee has approved it; paid by the patient",
    citation: "Republic of Korea, Act No. 20331 amending the Act on the Safety of and Support for Advanced Regenerative Medicine and Advanced Biological Products (promulgated 20 Feb 2024, in force 21 Feb 2025); KOTRA notices; Pacific Bridge Medical (2025)",
}];

const CHINA_ROUTES: &[NationalRoute] = &[NationalRoute {
    code: "cn_new_biomedical_technology_clinical_translation",
    name: "clinical research and clinical translational application of a new biomedical technology",
    law: "Regulations on the Administration of Clinical Research and Clinical Translational Application of New Biomedical Technologies, State Council Decree No. 818 (signed 28 Sep 2025, published 10 Oct 2025)",
    in_force_from: date(2026, 5, 1),
    requires: "clinical research filed with the health authority, and clinical translational application only after approval by the National Health Commission",
    citation: "State Council of the People's Republic of China, Decree No. 818, Regulations on the Administration of Clinical Research and Clinical Translational Application of New Biomedical Technologies (signed 28 Sep 2025, published 10 Oct 2025, in force 1 May 2026); Global Law Office commentary (15 Dec 2025); Caixin (2025)",
}];

vocab! {
    /// **The body of law a jurisdiction's cell therapies fall under**, as far as the crate has an
    /// engine for it.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::{Jurisdiction, RegulatoryFramework};
    ///
    /// assert_eq!(Jurisdiction::Germany.info().framework, RegulatoryFramework::EuropeanUnion);
    /// assert_eq!(Jurisdiction::India.info().framework, RegulatoryFramework::National);
    /// ```
    #[non_exhaustive]
    pub enum RegulatoryFramework {
        /// 21 CFR Part 1271 and the PHS Act ([`crate::classify_us`]).
        UnitedStates => "united_states", "US: 21 CFR Part 1271 / PHS Act";
        /// Regulation (EC) No 1394/2007 and Directive 2004/23/EC ([`crate::classify_eu`]).
        EuropeanUnion => "european_union", "EU: Regulation (EC) No 1394/2007";
        /// The PMD Act and the Act on the Safety of Regenerative Medicine ([`crate::classify_jp`]).
        Japan => "japan", "Japan: PMD Act / ASRM";
        /// A national law the crate has no engine for.
        National => "national", "national law (no engine in the crate)";
    }
}

const fn jurisdiction(regulator: &'static str, framework: RegulatoryFramework) -> JurisdictionInfo {
    JurisdictionInfo {
        regulator,
        framework,
        national_routes: &[],
    }
}

const fn national(
    regulator: &'static str,
    national_routes: &'static [NationalRoute],
) -> JurisdictionInfo {
    JurisdictionInfo {
        regulator,
        framework: RegulatoryFramework::National,
        national_routes,
    }
}

vocab! {
    /// **A country or union where a treatment is given, or whose regulator authorises a
    /// product.**
    ///
    /// Every jurisdiction of the catalog, and [`Jurisdiction::Other`] for any other country (a
    /// clinic abroad). Germany is an EU member state: EU law applies there, and it also grants
    /// national authorisations of its own (§ 4b AMG).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::Jurisdiction;
    ///
    /// assert_eq!(Jurisdiction::UnitedStates.info().regulator, "FDA (CBER)");
    /// assert_eq!("south_korea".parse::<Jurisdiction>()?, Jurisdiction::SouthKorea);
    /// assert!(Jurisdiction::Germany.is_within(Jurisdiction::EuropeanUnion));
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum Jurisdiction: JurisdictionInfo {
        /// The United States.
        UnitedStates => "united_states", "United States", jurisdiction("FDA (CBER)", RegulatoryFramework::UnitedStates);
        /// Canada.
        Canada => "canada", "Canada", jurisdiction("Health Canada (BGTD)", RegulatoryFramework::National);
        /// New Zealand.
        NewZealand => "new_zealand", "New Zealand", jurisdiction("Medsafe", RegulatoryFramework::National);
        /// The European Union (centralised marketing authorisation; EU law in every member state).
        EuropeanUnion => "european_union", "European Union", jurisdiction("European Commission on EMA's opinion", RegulatoryFramework::EuropeanUnion);
        /// Germany (an EU member state, which also grants national authorisations).
        Germany => "germany", "Germany", jurisdiction("Paul-Ehrlich-Institut (PEI)", RegulatoryFramework::EuropeanUnion);
        /// Japan.
        Japan => "japan", "Japan", jurisdiction("MHLW / PMDA", RegulatoryFramework::Japan);
        /// South Korea.
        SouthKorea => "south_korea", "South Korea", national("MFDS (formerly KFDA)", KOREA_ROUTES);
        /// India.
        India => "india", "India", jurisdiction("CDSCO / DCGI", RegulatoryFramework::National);
        /// China.
        China => "china", "China", national("NMPA; National Health Commission (clinical translation)", CHINA_ROUTES);
        /// Any other country.
        Other => "other", "another country", jurisdiction("the national regulator", RegulatoryFramework::National);
    }
}

impl Jurisdiction {
    /// **The national routes the crate knows here whose law is in force on `on`**: none before
    /// their dates, and none where the crate knows none.
    ///
    /// # Examples
    ///
    /// ```
    /// use jiff::civil::date;
    /// use msc_therapy::catalog::Jurisdiction;
    ///
    /// // Korea's advanced regenerative medicine treatment: Act No. 20331, in force 21 Feb 2025.
    /// assert_eq!(Jurisdiction::SouthKorea.national_routes_on(date(2025, 2, 20)).count(), 0);
    /// assert_eq!(Jurisdiction::SouthKorea.national_routes_on(date(2025, 2, 21)).count(), 1);
    /// // China's State Council Decree No. 818: in force 1 May 2026.
    /// assert_eq!(Jurisdiction::China.national_routes_on(date(2026, 4, 30)).count(), 0);
    /// assert_eq!(Jurisdiction::China.national_routes_on(date(2026, 5, 1)).count(), 1);
    /// ```
    pub fn national_routes_on(self, on: Date) -> impl Iterator<Item = &'static NationalRoute> {
        self.info()
            .national_routes
            .iter()
            .filter(move |r| r.holds_on(on))
    }

    /// An authorisation of `authority` is valid here: the same jurisdiction, or an EU member
    /// state for an EU (centralised) authorisation.
    #[must_use]
    pub const fn is_within(self, authority: Self) -> bool {
        matches!(
            (self, authority),
            (Self::Germany | Self::EuropeanUnion, Self::EuropeanUnion)
        ) || self as u8 == authority as u8
    }
}

vocab! {
    /// **The kind of authorisation a product holds.**
    ///
    /// *Conditional* approvals (Japan's conditional and time-limited approval under PMD Act
    /// Art 23-26, Canada's NOC/c, Korea's and China's conditional approvals) let a product be
    /// sold while confirmatory evidence is gathered; Japan's carries a time limit
    /// ([`ApprovedProduct::time_limit_ends_on`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::AuthorisationKind;
    ///
    /// assert!(AuthorisationKind::Full.is_full());
    /// assert!(!AuthorisationKind::Conditional.is_full());
    /// ```
    #[non_exhaustive]
    pub enum AuthorisationKind {
        /// A full marketing authorisation (a US BLA, an EU MA, a Japanese full approval).
        Full => "full", "full marketing authorisation";
        /// A conditional or time-limited authorisation.
        Conditional => "conditional", "conditional / time-limited authorisation";
        /// A provisional consent (New Zealand, Medicines Act 1981 s 23).
        Provisional => "provisional", "provisional consent";
        /// A national authorisation outside a marketing authorisation (Germany's § 4b AMG).
        National => "national", "national authorisation (not a marketing authorisation)";
    }
}

impl AuthorisationKind {
    /// A full marketing authorisation.
    #[must_use]
    pub const fn is_full(self) -> bool {
        matches!(self, Self::Full)
    }
}

vocab! {
    /// **Where a product's authorisation stands on a date**: [`ApprovedProduct::status_on`].
    ///
    /// A catalog row holds between its dates: from its authorisation, until a withdrawal, the
    /// end of a time limit, or a restriction's lifting. The status on a date is read from those
    /// dates; [`ApprovedProduct::status`] is the status on [`crate::KNOWLEDGE_HORIZON`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::AuthorisationStatus;
    ///
    /// assert!(AuthorisationStatus::InForce.in_force());
    /// assert!(AuthorisationStatus::Unconfirmed.in_force());
    /// assert!(!AuthorisationStatus::Withdrawn.in_force());
    /// assert!(!AuthorisationStatus::TimeLimitEnded.in_force());
    /// assert!(AuthorisationStatus::PendingFullApproval.in_force());
    /// assert!(!AuthorisationStatus::PendingFullApproval.confirmed_in_force());
    /// ```
    #[non_exhaustive]
    pub enum AuthorisationStatus {
        /// In force, as the sources confirm.
        InForce => "in_force", "in force";
        /// Last known in force; the sources do not confirm its status on the date.
        Unconfirmed => "unconfirmed", "last known in force (status on the date not confirmed)";
        /// Withdrawn: no longer authorised.
        Withdrawn => "withdrawn", "withdrawn";
        /// Not yet authorised on the date: the date is before the authorisation.
        NotYetAuthorised => "not_yet_authorised", "not yet authorised on the date";
        /// The term of a time-limited or provisional authorisation ended, and the sources show
        /// neither a renewal nor an application for full approval made before it ended.
        TimeLimitEnded => "time_limit_ended", "time limit ended (no renewal or full approval found)";
        /// The term of a conditional, time-limited approval ended after the holder applied for
        /// full approval within it: the holder states that manufacture and sale continue under
        /// the conditional approval pending the decision, which the sources do not show.
        PendingFullApproval => "pending_full_approval", "time limit ended; full approval applied for, decision not found";
        /// Authorised, but a condition of the authorisation bars shipment on the date (Akuugo
        /// until its shipment condition was lifted).
        Restricted => "restricted", "authorised, with shipment barred by a condition";
    }
}

impl AuthorisationStatus {
    /// The authorisation is (last known to be) in force on the date: neither withdrawn, ended,
    /// nor not yet granted. A restricted authorisation is in force, but its product may not be
    /// shipped.
    #[must_use]
    pub const fn in_force(self) -> bool {
        matches!(
            self,
            Self::InForce | Self::Unconfirmed | Self::PendingFullApproval | Self::Restricted
        )
    }

    /// The sources confirm the authorisation in force, without restriction, on the date: the
    /// only status on which an offer can rest a favourable answer.
    #[must_use]
    pub const fn confirmed_in_force(self) -> bool {
        matches!(self, Self::InForce)
    }
}

/// **A source a catalog row's facts rest on**: who issued it, its title, and its date as the
/// source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CatalogSource {
    /// Who issued or published it (a regulator, the holder, a news service).
    pub issuer: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Its date, as the source gives it (`YYYY-MM-DD` where it gives the day).
    pub date: &'static str,
}

/// **A dated change of a product's authorisation**, with its source: a withdrawal, an
/// application for full approval, a condition lifted, a confirmatory trial's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AuthorisationEvent {
    /// When it happened, as the sources give it ("13 Dec 2024", "late 2025").
    pub when: &'static str,
    /// What happened.
    pub event: &'static str,
    /// The source that says so.
    pub source: CatalogSource,
}

const fn event(
    when: &'static str,
    event: &'static str,
    issuer: &'static str,
    title: &'static str,
    date: &'static str,
) -> AuthorisationEvent {
    AuthorisationEvent {
        when,
        event,
        source: CatalogSource {
            issuer,
            title,
            date,
        },
    }
}

/// **A condition of an authorisation that barred shipment for a time**, with the days the
/// sources bound it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Restriction {
    /// The condition, in the source's words.
    pub text: &'static str,
    /// The first day it held.
    #[serde(serialize_with = "serialize_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "crate::IsoDate"))]
    pub from: Date,
    /// The last day the sources show it still held.
    #[serde(serialize_with = "serialize_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "crate::IsoDate"))]
    pub last_known_on: Date,
    /// The day by which the sources show it lifted (between [`Self::last_known_on`] and this
    /// day, the status is not confirmed).
    #[serde(serialize_with = "serialize_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "crate::IsoDate"))]
    pub lifted_by: Date,
}

fn serialize_date<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    crate::IsoDate::from(*date).serialize(serializer)
}

fn serialize_option_date<S: serde::Serializer>(
    date: &Option<Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    date.map(crate::IsoDate::from).serialize(serializer)
}

vocab! {
    /// **How well the reference sources support a catalog entry.**
    pub enum Confidence {
        /// Seen in primary or several agreeing sources.
        High => "high", "high";
        /// Seen in a reliable secondary source.
        Medium => "medium", "medium";
        /// From review tables only; use with caution.
        Low => "low", "low";
    }
}

vocab! {
    /// **What kind of number identifies an authorisation.**
    #[non_exhaustive]
    pub enum NumberKind {
        /// The EMA product number of a centrally authorised medicine (EMEA/H/C/…).
        EmaProductNumber => "ema_product_number", "EMA product number";
        /// The number in the Union Register of medicinal products (EU/1/…), with or without
        /// its presentation suffix.
        EuRegisterNumber => "eu_register_number", "EU register number";
        /// A Japanese marketing approval number (承認番号).
        JapaneseApprovalNumber => "japanese_approval_number", "Japanese approval number";
    }
}

/// **One number that identifies an authorisation**: its kind and the number as the regulator
/// writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AuthorisationNumber {
    /// What kind of number it is.
    pub kind: NumberKind,
    /// The number.
    pub number: &'static str,
}

impl AuthorisationNumber {
    /// The number is `text`, ignoring white space and ASCII case (`eu/1/17/1261` is
    /// `EU/1/17/1261`). No other normalisation: a number is a key, not a name.
    #[must_use]
    pub fn is(&self, text: &str) -> bool {
        let mut a = self.number.chars().filter(|c| !c.is_whitespace());
        let mut b = text.chars().filter(|c| !c.is_whitespace());
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
                _ => return false,
            }
        }
    }
}

/// **A range of label doses**, in cells (per administration) or cells per kilogram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DoseRange {
    /// The lowest dose of the label.
    pub min: f64,
    /// The highest dose of the label.
    pub max: f64,
}

/// **The dose a product's label gives**, in the source's words and, where the label gives one,
/// as numbers: viable cells per administration and per kilogram of body weight.
///
/// A label that doses by defect area (Cartistem, per cm²) or by volume (Queencell, per mL), or
/// whose dose the sources did not retrieve, has no number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LabelDose {
    /// The dose, in the source's words.
    pub text: &'static str,
    /// Viable cells per administration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_administration: Option<DoseRange>,
    /// Viable cells per kilogram of body weight per administration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_kg: Option<DoseRange>,
    /// The most cells per kilogram the label allows, where it caps a dose written per
    /// administration (Stemirac: 3.34 × 10⁶/kg).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_per_kg: Option<f64>,
}

const fn range(min: f64, max: f64) -> Option<DoseRange> {
    Some(DoseRange { min, max })
}

const fn words(text: &'static str) -> LabelDose {
    LabelDose {
        text,
        per_administration: None,
        per_kg: None,
        max_per_kg: None,
    }
}

/// **The patients a label authorises a product for**: their ages, and whether the condition
/// must have resisted an earlier treatment.
///
/// Read from the label's indication ([`ApprovedProduct::indication_text`]); a bound the label
/// does not state is `None` (no bound), never a guess. An offer is on label only when the
/// patient's age lies within the bounds and, where the label requires it, the condition was
/// treated before without enough benefit ([`crate::PatientContext::standard_treatments_tried`]);
/// an offer that does not give those facts is not on label either (the question is open).
///
/// What "paediatric" means differs by region: US drug labeling counts the paediatric population
/// from birth to 16 years (21 CFR 201.57(c)(9)(iv)), so a US label "in paediatric patients" ends
/// before 17 years; ICH E11, Clinical Investigation of Medicinal Products in the Pediatric
/// Population (2000), section 2.5, puts the upper bound at 16 to 18 years by region, and a label
/// elsewhere that says "paediatric" or "children" is read as below 18.
///
/// # Examples
///
/// ```
/// use msc_therapy::catalog::CatalogKey;
/// use msc_therapy::vocab::{Age, AgeUnit};
///
/// // Ryoncil: "steroid-refractory acute GvHD in paediatric patients 2 months of age and older".
/// let ryoncil = CatalogKey::RyoncilUs.product().population;
/// assert_eq!(ryoncil.min_age, Some(Age::new(2.0, AgeUnit::Months)?));
/// assert_eq!(ryoncil.below_age, Some(Age::new(17.0, AgeUnit::Years)?));
/// assert!(ryoncil.after_prior_treatment);
/// assert!(ryoncil.covers_age(&Age::new(9.0, AgeUnit::Years)?));
/// assert!(!ryoncil.covers_age(&Age::new(45.0, AgeUnit::Years)?));
///
/// // TEMCELL: "acute GvHD after haematopoietic stem cell transplantation": no bound.
/// let temcell = CatalogKey::TemcellJp.product().population;
/// assert!(!temcell.restricts_age() && !temcell.after_prior_treatment);
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LabelPopulation {
    /// The youngest age the label covers (inclusive): "2 months of age and older", "aged 14
    /// and over". `None`: the label states no lower bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_age: Option<Age>,
    /// The age the label's population ends before (exclusive): "paediatric patients" on a US
    /// label is below 17 years. `None`: the label states no upper bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below_age: Option<Age>,
    /// The label requires the condition to be refractory to, or inadequately controlled by, an
    /// earlier treatment ("steroid-refractory", "inadequate response to at least one
    /// therapy"): the product is a later line, not a first treatment.
    pub after_prior_treatment: bool,
}

impl LabelPopulation {
    /// A label that states no age bound and no earlier treatment.
    pub const ANYONE: Self = Self {
        min_age: None,
        below_age: None,
        after_prior_treatment: false,
    };

    /// The label bounds the patient's age (from below, above or both).
    #[must_use]
    pub const fn restricts_age(&self) -> bool {
        self.min_age.is_some() || self.below_age.is_some()
    }

    /// `age` lies within the label's bounds: at least [`Self::min_age`] and below
    /// [`Self::below_age`], compared as ages ([`Age::compare`]).
    #[must_use]
    pub fn covers_age(&self, age: &Age) -> bool {
        self.min_age.is_none_or(|min| age.compare(&min).is_ge())
            && self.below_age.is_none_or(|end| age.compare(&end).is_lt())
    }
}

/// A label population: from `min_age`, below `below_age`, after an earlier treatment or not.
const fn population(
    min_age: Option<Age>,
    below_age: Option<Age>,
    after_prior_treatment: bool,
) -> LabelPopulation {
    LabelPopulation {
        min_age,
        below_age,
        after_prior_treatment,
    }
}

const fn years(value: f64) -> Option<Age> {
    Some(Age::from_table(value, AgeUnit::Years))
}

const fn months(value: f64) -> Option<Age> {
    Some(Age::from_table(value, AgeUnit::Months))
}

vocab! {
    /// **The stable key of one catalog entry**: one product's authorisation in one jurisdiction.
    ///
    /// Keys never change between releases; an offer names the product it claims to be with one
    /// ([`crate::ProductReference::CatalogKey`]). A product authorised in two places has two
    /// keys (`prochymal_ca`, `prochymal_nz`).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::{CatalogKey, Jurisdiction};
    ///
    /// let ryoncil = CatalogKey::RyoncilUs.product();
    /// assert_eq!(ryoncil.name, "Ryoncil");
    /// assert_eq!(ryoncil.jurisdiction, Jurisdiction::UnitedStates);
    /// assert_eq!("stemirac_jp".parse::<CatalogKey>()?, CatalogKey::StemiracJp);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum CatalogKey {
        /// Ryoncil (remestemcel-L-rknd), United States.
        RyoncilUs => "ryoncil_us", "Ryoncil (United States)";
        /// Prochymal (remestemcel-L), Canada.
        ProchymalCa => "prochymal_ca", "Prochymal (Canada)";
        /// Prochymal (remestemcel-L), New Zealand.
        ProchymalNz => "prochymal_nz", "Prochymal (New Zealand)";
        /// TEMCELL HS Inj., Japan.
        TemcellJp => "temcell_jp", "TEMCELL HS Inj. (Japan)";
        /// Alofisel (darvadstrocel), European Union.
        AlofiselEu => "alofisel_eu", "Alofisel (European Union)";
        /// Alofisel (darvadstrocel), Japan.
        AlofiselJp => "alofisel_jp", "Alofisel (Japan)";
        /// STEMIRAC for Injection, Japan.
        StemiracJp => "stemirac_jp", "STEMIRAC (Japan)";
        /// AKUUGO (vandefitemcel), Japan.
        AkuugoJp => "akuugo_jp", "AKUUGO (Japan)";
        /// Hearticellgram-AMI, South Korea.
        HearticellgramKr => "hearticellgram_ami_kr", "Hearticellgram-AMI (South Korea)";
        /// Cartistem, South Korea.
        CartistemKr => "cartistem_kr", "Cartistem (South Korea)";
        /// Cupistem, South Korea.
        CupistemKr => "cupistem_kr", "Cupistem (South Korea)";
        /// NeuroNata-R (lenzumestrocel), South Korea.
        NeuronataRKr => "neuronata_r_kr", "NeuroNata-R (South Korea)";
        /// Queencell, South Korea.
        QueencellKr => "queencell_kr", "Queencell (South Korea)";
        /// Stempeucel, India.
        StempeucelIn => "stempeucel_in", "Stempeucel (India)";
        /// StemOne / Ciplostem, India.
        StemoneIn => "stemone_in", "StemOne / Ciplostem (India)";
        /// Ruibosheng (amimestrocel), China.
        RuiboshengCn => "ruibosheng_cn", "Ruibosheng (China)";
        /// Obnitix (MSC-FFM), Germany.
        ObnitixDe => "obnitix_de", "Obnitix (Germany)";
    }
}

impl CatalogKey {
    /// The catalog entry with this key.
    #[must_use]
    pub fn product(self) -> &'static ApprovedProduct {
        // The table lists the entries in key order (checked by a unit test).
        &CATALOG[self as usize]
    }
}

/// **One MSC product's authorisation in one jurisdiction**: a row of the built-in catalog.
///
/// Products authorised in several places (Prochymal, Alofisel) have one row per jurisdiction,
/// each with its own [`CatalogKey`]. The typed fields (`indications`, `tissue`, `donor`,
/// `preparation`, `route`) are the crate's closest terms; the `*_text` fields keep the source's
/// wording, which is narrower (e.g. "steroid-refractory acute GvHD in paediatric patients 2
/// months of age and older"). Dates are ISO 8601 (`YYYY-MM-DD`) where the sources give the day.
///
/// # Examples
///
/// ```
/// use msc_therapy::catalog::{ApprovedProduct, CatalogKey, Jurisdiction};
/// use msc_therapy::vocab::Indication;
///
/// // The only FDA-approved MSC product: Ryoncil, for (paediatric, steroid-refractory) GvHD.
/// let us: Vec<_> = ApprovedProduct::by_jurisdiction(Jurisdiction::UnitedStates).collect();
/// assert_eq!(us.len(), 1);
/// assert_eq!(us[0].key, CatalogKey::RyoncilUs);
/// assert_eq!(us[0].dose.per_kg.unwrap().min, 2e6);
///
/// // No MSC product is FDA-approved for knee osteoarthritis.
/// assert_eq!(
///     ApprovedProduct::approved_in(Jurisdiction::UnitedStates, Indication::KneeOsteoarthritis).count(),
///     0
/// );
///
/// // Identity by number: Stemirac's Japanese approval number.
/// assert_eq!(ApprovedProduct::by_number("23000FZX00001000").unwrap().key, CatalogKey::StemiracJp);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ApprovedProduct {
    /// The stable key.
    pub key: CatalogKey,
    /// The trade name.
    pub name: &'static str,
    /// The nonproprietary (generic) name or description.
    pub nonproprietary_name: &'static str,
    /// The sponsor or marketing-authorisation holder.
    pub sponsor: &'static str,
    /// Where it is authorised.
    pub jurisdiction: Jurisdiction,
    /// The authority and pathway, as the source names them.
    pub pathway: &'static str,
    /// The authorisation numbers the sources give (none for most entries: the reference list
    /// does not record them).
    pub numbers: &'static [AuthorisationNumber],
    /// Full, conditional, provisional or national.
    pub kind: AuthorisationKind,
    /// The status on [`crate::KNOWLEDGE_HORIZON`], the last day the crate's sources reach
    /// (equal to `self.status_on(KNOWLEDGE_HORIZON)`). For another day, ask
    /// [`Self::status_on`].
    pub status: AuthorisationStatus,
    /// The sources confirm the authorisation in force between its dates. `false`: it is last
    /// known in force, and its standing is not confirmed (Prochymal in Canada; NeuroNata-R after
    /// its confirmatory trial missed its primary endpoint).
    pub confirmed: bool,
    /// The year of first authorisation there, when known.
    pub year: Option<u16>,
    /// The date of first authorisation there, when the sources give the day.
    #[serde(serialize_with = "serialize_option_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<crate::IsoDate>"))]
    pub authorised_on: Option<Date>,
    /// The last day of a time-limited authorisation's term, when the sources give it.
    #[serde(serialize_with = "serialize_option_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<crate::IsoDate>"))]
    pub time_limit_ends_on: Option<Date>,
    /// The length of a time-limited authorisation's term in years, when the sources give it
    /// (Japan's conditional and time-limited approvals: at most seven years). Where the end
    /// date is not verified ([`Self::time_limit_ends_on`] is `None`), the status after that
    /// many years is not confirmed, never assumed.
    pub term_years: Option<u8>,
    /// The day the holder applied for full approval, when the sources give it.
    #[serde(serialize_with = "serialize_option_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<crate::IsoDate>"))]
    pub full_approval_applied_on: Option<Date>,
    /// The date the authorisation was withdrawn (from this day on, it is not authorised).
    #[serde(serialize_with = "serialize_option_date")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<crate::IsoDate>"))]
    pub withdrawn_on: Option<Date>,
    /// A condition that barred shipment for a time, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction: Option<Restriction>,
    /// The dated changes of the authorisation since it was granted, each with its source.
    pub events: &'static [AuthorisationEvent],
    /// The authorised indication(s), in the crate's terms.
    pub indications: &'static [Indication],
    /// The authorised indication, in the source's words.
    pub indication_text: &'static str,
    /// The patients the label covers: their ages and whether an earlier treatment must have
    /// failed, read from [`Self::indication_text`].
    pub population: LabelPopulation,
    /// The source tissue.
    pub tissue: TissueSource,
    /// Whose cells.
    pub donor: Donor,
    /// What kind of preparation it is.
    pub preparation: CellPreparation,
    /// The route, in the crate's terms.
    pub route: Route,
    /// The route, in the source's words.
    pub route_text: &'static str,
    /// The label's dose.
    pub dose: LabelDose,
    /// The status in the source's words, with dates.
    pub status_text: &'static str,
    /// Where the facts come from.
    pub citation: &'static str,
    /// How well the sources support the entry.
    pub confidence: Confidence,
}

impl ApprovedProduct {
    /// Every catalog entry, in [`CatalogKey`] order.
    pub const ALL: &'static [Self] = CATALOG;

    /// The entry one of whose authorisation numbers is `number` (white space and ASCII case
    /// ignored), if any.
    #[must_use]
    pub fn by_number(number: &str) -> Option<&'static Self> {
        CATALOG
            .iter()
            .find(|p| p.numbers.iter().any(|n| n.is(number)))
    }

    /// Entries (in force or withdrawn) for an indication.
    pub fn by_indication(indication: Indication) -> impl Iterator<Item = &'static Self> {
        CATALOG
            .iter()
            .filter(move |p| p.indications.contains(&indication))
    }

    /// Entries (in force or withdrawn) in a jurisdiction.
    pub fn by_jurisdiction(jurisdiction: Jurisdiction) -> impl Iterator<Item = &'static Self> {
        CATALOG
            .iter()
            .filter(move |p| p.jurisdiction == jurisdiction)
    }

    /// Products whose authorisation for `indication` is in force in `jurisdiction` (an EU
    /// authorisation counts in Germany) on [`crate::KNOWLEDGE_HORIZON`]: see
    /// [`Self::approved_in_on`] for another day.
    pub fn approved_in(
        jurisdiction: Jurisdiction,
        indication: Indication,
    ) -> impl Iterator<Item = &'static Self> {
        Self::approved_in_on(jurisdiction, indication, crate::KNOWLEDGE_HORIZON)
    }

    /// Products whose authorisation for `indication` is in force in `jurisdiction` on `on`
    /// ([`Self::status_on`]; an EU authorisation counts in Germany).
    pub fn approved_in_on(
        jurisdiction: Jurisdiction,
        indication: Indication,
        on: Date,
    ) -> impl Iterator<Item = &'static Self> {
        Self::by_indication(indication)
            .filter(move |p| jurisdiction.is_within(p.jurisdiction) && p.status_on(on).in_force())
    }

    /// Products whose authorisation for `indication` is in force anywhere on
    /// [`crate::KNOWLEDGE_HORIZON`]: see [`Self::approved_anywhere_on`] for another day.
    pub fn approved_anywhere(indication: Indication) -> impl Iterator<Item = &'static Self> {
        Self::approved_anywhere_on(indication, crate::KNOWLEDGE_HORIZON)
    }

    /// Products whose authorisation for `indication` is in force anywhere on `on`.
    pub fn approved_anywhere_on(
        indication: Indication,
        on: Date,
    ) -> impl Iterator<Item = &'static Self> {
        Self::by_indication(indication).filter(move |p| p.status_on(on).in_force())
    }

    /// **Where the authorisation stands on `on`**, read from the row's dates:
    ///
    /// - before the authorisation ([`Self::authorised_on`], or the first day of [`Self::year`]
    ///   when the day is not known): [`AuthorisationStatus::NotYetAuthorised`]; within the year of
    ///   an authorisation whose day is not known: not confirmed;
    /// - from the withdrawal on ([`Self::withdrawn_on`]): [`AuthorisationStatus::Withdrawn`];
    /// - after the last day of a time limit ([`Self::time_limit_ends_on`]):
    ///   [`AuthorisationStatus::PendingFullApproval`] when full approval was applied for within
    ///   the term, else [`AuthorisationStatus::TimeLimitEnded`]; after [`Self::term_years`] when
    ///   the end date is not verified: not confirmed;
    /// - while a [`Restriction`] holds: [`AuthorisationStatus::Restricted`] (between the last
    ///   day it is known to hold and the day it is known lifted: not confirmed);
    /// - otherwise in force, or not confirmed when the sources do not confirm it
    ///   ([`Self::confirmed`]).
    ///
    /// A date after [`crate::KNOWLEDGE_HORIZON`] is answered as the crate knows the row; the
    /// engines add their own warning that later changes are not known.
    ///
    /// # Examples
    ///
    /// ```
    /// use jiff::civil::date;
    /// use msc_therapy::catalog::{AuthorisationStatus as S, CatalogKey};
    ///
    /// // Alofisel's EU authorisation: withdrawn on 13 Dec 2024 at the holder's request.
    /// let alofisel = CatalogKey::AlofiselEu.product();
    /// assert_eq!(alofisel.status_on(date(2024, 12, 12)), S::InForce);
    /// assert_eq!(alofisel.status_on(date(2024, 12, 13)), S::Withdrawn);
    ///
    /// // Stemirac: the seven-year term ended 27 Dec 2025, full approval applied for on 14 Nov 2025.
    /// let stemirac = CatalogKey::StemiracJp.product();
    /// assert_eq!(stemirac.status_on(date(2025, 12, 27)), S::InForce);
    /// assert_eq!(stemirac.status_on(date(2026, 1, 5)), S::PendingFullApproval);
    /// ```
    #[must_use]
    pub fn status_on(&self, on: Date) -> AuthorisationStatus {
        use AuthorisationStatus as St;
        match (self.authorised_on, self.year) {
            (Some(from), _) if on < from => return St::NotYetAuthorised,
            (None, Some(year)) if i32::from(on.year()) < i32::from(year) => {
                return St::NotYetAuthorised;
            }
            (None, Some(year)) if i32::from(on.year()) == i32::from(year) => {
                return self.unless_ended(on, St::Unconfirmed);
            }
            _ => {}
        }
        let standing = if self.confirmed {
            St::InForce
        } else {
            St::Unconfirmed
        };
        let standing = match self.restriction {
            Some(r) if r.from <= on && on <= r.last_known_on => St::Restricted,
            Some(r) if r.last_known_on < on && on < r.lifted_by => St::Unconfirmed,
            _ => standing,
        };
        self.unless_ended(on, standing)
    }

    /// `standing`, unless the authorisation was withdrawn or its term ended by `on`.
    fn unless_ended(&self, on: Date, standing: AuthorisationStatus) -> AuthorisationStatus {
        use AuthorisationStatus as St;
        if self.withdrawn_on.is_some_and(|w| w <= on) {
            return St::Withdrawn;
        }
        if let Some(end) = self.time_limit_ends_on {
            if on > end {
                return match self.full_approval_applied_on {
                    Some(applied) if applied <= end => St::PendingFullApproval,
                    _ => St::TimeLimitEnded,
                };
            }
        } else if let (Some(years), Some(from)) = (self.term_years, self.authorised_on) {
            let term_end = from.checked_add(jiff::Span::new().years(i64::from(years)));
            if term_end.is_ok_and(|end| on >= end) && standing.in_force() {
                return St::Unconfirmed;
            }
        }
        standing
    }

    /// **The status on `on`, in words with its dates**: what the row's sources say about the
    /// authorisation on that day, for a finding's reason or a report.
    ///
    /// # Examples
    ///
    /// ```
    /// use jiff::civil::date;
    /// use msc_therapy::catalog::CatalogKey;
    ///
    /// let text = CatalogKey::StemiracJp.product().status_text_on(date(2026, 12, 7));
    /// assert!(text.contains("no decision"));
    /// ```
    #[must_use]
    pub fn status_text_on(&self, on: Date) -> String {
        use AuthorisationStatus as St;
        let day = |d: Option<Date>| {
            d.map_or_else(
                || "a day not recorded".to_owned(),
                |d| crate::IsoDate::from(d).to_string(),
            )
        };
        let status = self.status_on(on);
        let on_text = crate::IsoDate::from(on);
        match status {
            St::NotYetAuthorised => format!(
                "on {on_text} {} was not yet authorised ({} authorised on {})",
                self.name,
                self.jurisdiction.label(),
                self.authorised_on.map_or_else(
                    || self.year.map_or_else(
                        || "a day not recorded".to_owned(),
                        |y| format!("a day of {y}")
                    ),
                    |d| crate::IsoDate::from(d).to_string()
                ),
            ),
            St::Withdrawn => format!(
                "{} was withdrawn on {}: on {on_text} it is not authorised there",
                self.name,
                day(self.withdrawn_on),
            ),
            St::TimeLimitEnded => format!(
                "the time limit of {}'s authorisation ended on {} and the crate's sources show no renewal or application for full approval: on {on_text} it is not shown to be authorised",
                self.name,
                day(self.time_limit_ends_on),
            ),
            St::PendingFullApproval => format!(
                "the time limit of {}'s conditional, time-limited approval ended on {}; full approval was applied for on {}, and the holder states that manufacture and sale continue under the conditional approval pending the final outcome; no decision on full approval is found in the crate's sources (read through {}): on {on_text} the outcome is not known",
                self.name,
                day(self.time_limit_ends_on),
                day(self.full_approval_applied_on),
                crate::IsoDate::from(crate::KNOWLEDGE_HORIZON),
            ),
            St::Restricted => format!(
                "{} is authorised, but on {on_text} a condition of the authorisation bars shipment ({})",
                self.name,
                self.restriction.map_or("", |r| r.text),
            ),
            St::Unconfirmed => format!(
                "{} was last known authorised; its status on {on_text} is not confirmed by the crate's sources ({})",
                self.name, self.status_text,
            ),
            _ => format!(
                "{} is authorised on {on_text} ({})",
                self.name, self.status_text
            ),
        }
    }
}

use AuthorisationKind as K;
use AuthorisationStatus as S;
use CatalogKey as Key;
use CellPreparation as P;
use Confidence as C;
use Jurisdiction as J;
use NumberKind as N;

const CATALOG: &[ApprovedProduct] = &[
    ApprovedProduct {
        key: Key::RyoncilUs,
        name: "Ryoncil",
        nonproprietary_name: "remestemcel-L-rknd",
        sponsor: "Mesoblast Ltd (Mesoblast, Inc.)",
        jurisdiction: J::UnitedStates,
        pathway: "FDA, Biologics License Application",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2024),
        authorised_on: Some(date(2024, 12, 18)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD in paediatric patients 2 months of age and older",
        // "2 months of age and older"; "paediatric" on a US label is birth to 16 years
        // (21 CFR 201.57(c)(9)(iv)), so below 17; steroid-refractory.
        population: population(months(2.0), years(17.0), true),
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: LabelDose {
            per_kg: range(2e6, 2e6),
            ..words(
                "2 x 10^6 MSC/kg per IV infusion, twice weekly for 4 consecutive weeks (8 infusions), at least 3 days apart; further dosing by Day-28 response",
            )
        },
        status_text: "Approved 18 Dec 2024; the first FDA-approved MSC therapy",
        citation: "FDA approval 18 Dec 2024 (Pharmacy Times); RYONCIL US prescribing information (2024), via drugs.com; 21 CFR 201.57(c)(9)(iv) (paediatric population of US labeling: birth to 16 years)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::ProchymalCa,
        name: "Prochymal",
        nonproprietary_name: "remestemcel-L",
        sponsor: "Osiris Therapeutics (later Mesoblast International Sarl)",
        jurisdiction: J::Canada,
        pathway: "Health Canada, Notice of Compliance with conditions (NOC/c)",
        numbers: &[],
        kind: K::Conditional,
        status: S::Unconfirmed,
        confirmed: false,
        year: Some(2012),
        authorised_on: Some(date(2012, 5, 17)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD in paediatric patients refractory to systemic corticosteroids and/or other immunosuppressants",
        // "Paediatric": below 18 here (the upper bound differs by region, 16 to 18 years in
        // ICH E11 section 2.5); refractory to corticosteroids or other immunosuppressants.
        population: population(None, years(18.0), true),
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: words("100 x 10^6 hMSC per 15 mL presentation; per-kg regimen not retrieved"),
        status_text: "NOC/c 17 May 2012; monograph revised 6 Mar 2014; current Canadian marketing status not confirmed",
        citation: "Torys LLP 2012; Prochymal Product Monograph NOC/c rev. 6 Mar 2014; ICH E11, Clinical Investigation of Medicinal Products in the Pediatric Population (2000), section 2.5 (paediatric age groups)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::ProchymalNz,
        name: "Prochymal",
        nonproprietary_name: "remestemcel-L",
        sponsor: "Osiris Therapeutics (NZ sponsor CARSL Consulting)",
        jurisdiction: J::NewZealand,
        pathway: "Medsafe, Minister's provisional consent (Medicines Act 1981 s 23)",
        numbers: &[],
        kind: K::Provisional,
        status: S::TimeLimitEnded,
        confirmed: false,
        year: Some(2012),
        authorised_on: Some(date(2012, 6, 14)),
        time_limit_ends_on: Some(date(2016, 6, 14)),
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD in children (steroid-refractory)",
        // "Children": below 18 (the upper bound of "paediatric" differs by region, 16 to 18
        // years in ICH E11 section 2.5); steroid-refractory.
        population: population(None, years(18.0), true),
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: words("100 million cells in 15 mL; per-kg regimen not retrieved"),
        status_text: "Provisional consent 14 Jun 2012, renewed for two years from 14 Jun 2014; no later renewal found (likely lapsed, unconfirmed)",
        citation: "NZ Gazette notice 2014-go3437; Osiris press release 14 Jun 2012; ICH E11, Clinical Investigation of Medicinal Products in the Pediatric Population (2000), section 2.5 (paediatric age groups)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::TemcellJp,
        name: "TEMCELL HS Inj.",
        nonproprietary_name: "human (allogeneic) bone marrow-derived mesenchymal stem cells (JR-031)",
        sponsor: "JCR Pharmaceuticals",
        jurisdiction: J::Japan,
        pathway: "MHLW/PMDA, PMD Act regenerative medical product, full approval",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2015),
        authorised_on: Some(date(2015, 9, 18)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD after haematopoietic stem cell transplantation",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: LabelDose {
            per_kg: range(2e6, 2e6),
            ..words(
                "2 x 10^6 cells/kg per dose, twice weekly for 4 weeks; may add once weekly for 4 more weeks",
            )
        },
        status_text: "Approved 18 Sep 2015; launched 24 Feb 2016",
        citation: "JCR press releases; Stem Cell Res Ther 2025 s13287-025-04343-0 Table 3",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::AlofiselEu,
        name: "Alofisel",
        nonproprietary_name: "darvadstrocel (Cx601)",
        sponsor: "TiGenix NV / Takeda",
        jurisdiction: J::EuropeanUnion,
        pathway: "Centralised marketing authorisation (EMEA/H/C/004258)",
        numbers: &[
            AuthorisationNumber {
                kind: N::EmaProductNumber,
                number: "EMEA/H/C/004258",
            },
            AuthorisationNumber {
                kind: N::EuRegisterNumber,
                number: "EU/1/17/1261",
            },
            AuthorisationNumber {
                kind: N::EuRegisterNumber,
                number: "EU/1/17/1261/001",
            },
        ],
        kind: K::Full,
        status: S::Withdrawn,
        confirmed: true,
        year: Some(2018),
        authorised_on: Some(date(2018, 3, 23)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: Some(date(2024, 12, 13)),
        restriction: None,
        events: &[
            event(
                "13 Dec 2024",
                "The European Commission withdrew the marketing authorisation at the holder's request; no new patients in the EU/EEA from that day",
                "European Medicines Agency",
                "Alofisel withdrawn from the EU market",
                "2024-12",
            ),
            event(
                "13 Dec 2024",
                "The holder (Takeda) announced the withdrawal after the Phase 3 ADMIRE-CD II trial missed its primary endpoint",
                "Takeda Pharmaceutical",
                "Takeda statement on Alofisel (darvadstrocel)",
                "2024-12-13",
            ),
        ],
        indications: &[Indication::PerianalFistula],
        indication_text: "Complex perianal fistulas in adults with non-active/mildly active luminal Crohn's disease, inadequate response to at least one conventional or biologic therapy",
        // "Adults": 18 and over; inadequate response to at least one therapy.
        population: population(years(18.0), None, true),
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intralesional,
        route_text: "intralesional injection (fistula tract / internal openings)",
        dose: LabelDose {
            per_administration: range(1.2e8, 1.2e8),
            ..words("Single dose of 120 x 10^6 cells (4 vials of 30 x 10^6 cells in 6 mL)")
        },
        status_text: "Authorised 23 Mar 2018; withdrawn 13 Dec 2024 at the holder's request after ADMIRE-CD II missed its primary endpoint",
        citation: "EMA news 'Alofisel withdrawn from the EU market'; Takeda statement 13 Dec 2024; Alofisel EU SmPC; Union Register identifier EU/1/17/1261/001 (EMA ePI)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::AlofiselJp,
        name: "Alofisel",
        nonproprietary_name: "darvadstrocel",
        sponsor: "Takeda Pharmaceutical",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act, full approval",
        numbers: &[],
        kind: K::Full,
        status: S::Unconfirmed,
        confirmed: false,
        year: Some(2021),
        authorised_on: Some(date(2021, 9, 27)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::PerianalFistula],
        indication_text: "Complex perianal fistulas in non-active or mildly active luminal Crohn's disease with inadequate response to at least one existing treatment",
        // No age stated; inadequate response to at least one existing treatment.
        population: population(None, None, true),
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intralesional,
        route_text: "intralesional injection",
        dose: LabelDose {
            per_administration: range(1.2e8, 1.2e8),
            ..words("Single 24 mL intralesional injection of 120 x 10^6 cells")
        },
        status_text: "Approved 27 Sep 2021; status after the Dec 2024 EU withdrawal not confirmed",
        citation: "Takeda press release 27 Sep 2021; J Crohns Colitis Ph3 (PMC10069615)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::StemiracJp,
        name: "STEMIRAC for Injection",
        nonproprietary_name: "human (autologous) bone marrow-derived mesenchymal stem cells (STR01)",
        sponsor: "Nipro Corporation (with Sapporo Medical University)",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act conditional and time-limited approval (7 years)",
        numbers: &[AuthorisationNumber {
            kind: N::JapaneseApprovalNumber,
            number: "23000FZX00001000",
        }],
        kind: K::Conditional,
        status: S::PendingFullApproval,
        confirmed: true,
        year: Some(2018),
        authorised_on: Some(date(2018, 12, 28)),
        time_limit_ends_on: Some(date(2025, 12, 27)),
        term_years: Some(7),
        full_approval_applied_on: Some(date(2025, 11, 14)),
        withdrawn_on: None,
        restriction: None,
        events: &[
            event(
                "14 Nov 2025",
                "The holder applied for full approval; pending the final outcome, manufacturing and sales continue under the conditional and time-limited approval",
                "Nikkei (secondary repost); Mix Online",
                "Nipro files for full approval of Stemirac (reports of 17 Nov 2025 and 25 Nov 2025)",
                "2025-11-25",
            ),
            event(
                "27 Dec 2025",
                "The seven-year time limit of the conditional approval ended; no MHLW decision on full approval is found in the crate's sources through Dec 2026",
                "Ministry of Health, Labour and Welfare (Japan)",
                "Conditional and time-limited approval of STEMIRAC for Injection, approval no. 23000FZX00001000 (28 Dec 2018, seven years)",
                "2018-12-28",
            ),
        ],
        indications: &[Indication::SpinalCordInjury],
        indication_text: "Neurological symptoms and functional impairment of traumatic spinal cord injury, ASIA Impairment Scale A, B or C",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: LabelDose {
            per_administration: range(0.5e8, 2.0e8),
            max_per_kg: Some(3.34e6),
            ..words("0.5-2.0 x 10^8 autologous MSC per administration (max 3.34 x 10^6 cells/kg)")
        },
        status_text: "Conditional, time-limited approval 28 Dec 2018 for seven years (time limit ended 27 Dec 2025); full approval applied for 14 Nov 2025; pending the final outcome, manufacturing and sales continue under the conditional approval; no MHLW decision found through Dec 2026",
        citation: "Nipro product information; Nikkei Biotech; Nikkei, 17 Nov 2025 (secondary repost), and Mix Online, 25 Nov 2025 (full-approval application); PMD Act Art 23-26",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::AkuugoJp,
        name: "AKUUGO Suspension for Intracranial Implantation",
        nonproprietary_name: "vandefitemcel (SB623)",
        sponsor: "SanBio Co., Ltd.",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act conditional and time-limited approval",
        numbers: &[],
        kind: K::Conditional,
        status: S::InForce,
        confirmed: true,
        year: Some(2024),
        authorised_on: Some(date(2024, 7, 31)),
        time_limit_ends_on: None,
        term_years: Some(7),
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: Some(Restriction {
            text: "shipment barred until quality comparability with the product of the trials is shown",
            from: date(2024, 7, 31),
            // The Regenerative Medicine Products committee found no objection to lifting the
            // condition on 16 Oct 2025; MHLW lifted it in late 2025 (day not verified): the
            // crate takes the last day of 2025, the latest the sources allow.
            last_known_on: date(2025, 10, 16),
            lifted_by: date(2025, 12, 31),
        }),
        events: &[
            event(
                "12 Jun 2025",
                "The holder filed a partial-change application to lift the shipment condition",
                "AnswersNews",
                "SanBio files partial-change application for Akuugo",
                "2025-06-12",
            ),
            event(
                "16 Oct 2025",
                "The Regenerative Medicine Products committee found no objection to approving the change: the shipment condition may be lifted",
                "e-radfan",
                "Akuugo: committee clears lifting of the shipment condition",
                "2025-10-17",
            ),
            event(
                "late 2025",
                "MHLW lifted the shipment restriction (the holder's announcement; day not verified); the conditional, time-limited approval runs seven years, within which the holder is to seek full approval (exact end date not verified)",
                "SanBio (via Nikkei)",
                "SanBio announces lifting of Akuugo's shipment restriction",
                "undated (late 2025)",
            ),
        ],
        indications: &[Indication::TraumaticBrainInjury],
        indication_text: "Chronic motor paralysis resulting from traumatic brain injury",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intracerebral,
        route_text: "intracerebral (stereotactic) implantation around injured tissue",
        dose: words(
            "Approved dose not retrieved (Phase 2 STEMTRA tested 2.5, 5.0 and 10 x 10^6 cells)",
        ),
        status_text: "Conditional, time-limited approval 31 Jul 2024 for seven years (exact end date not verified), with shipment barred until quality comparability was shown; the committee found no objection to lifting the condition on 16 Oct 2025 and MHLW lifted it in late 2025; launch and NHI price listing not verified",
        citation: "SanBio press release 31 Jul 2024; AnswersNews 12 Jun 2025; e-radfan 17 Oct 2025; SanBio announcement via Nikkei (late 2025)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::HearticellgramKr,
        name: "Hearticellgram-AMI",
        nonproprietary_name: "autologous bone marrow-derived mesenchymal stem cells",
        sponsor: "FCB-Pharmicell",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2011),
        authorised_on: Some(date(2011, 7, 1)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::AcuteMyocardialInfarction],
        indication_text: "Improvement of left-ventricular ejection fraction after acute ST-elevation myocardial infarction",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        preparation: P::CultureExpandedMsc,
        route: Route::Intracoronary,
        route_text: "intracoronary injection",
        dose: LabelDose {
            per_administration: range(5e7, 9e7),
            ..words(
                "Weight-banded: up to 60 kg 5 x 10^7 cells; 61-80 kg 7 x 10^7; over 80 kg 9 x 10^7",
            )
        },
        status_text: "Approved effective 1 Jul 2011; re-approved by 27 Aug 2021",
        citation: "Seoul Economic Daily; Pharmaceuticals 2023 Table 1 (PMC10536665)",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::CartistemKr,
        name: "Cartistem",
        nonproprietary_name: "allogeneic umbilical cord blood-derived mesenchymal stem cells + sodium hyaluronate",
        sponsor: "Medipost Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2012),
        authorised_on: Some(date(2012, 1, 19)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::CartilageDefect],
        indication_text: "Knee cartilage defects in patients with osteoarthritis (ICRS grade IV) due to degeneration or repeated trauma",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::UmbilicalCordBlood,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intralesional,
        route_text: "surgical implantation into the knee cartilage defect, mixed with hyaluronate hydrogel",
        dose: words(
            "500 uL/cm2 of defect (about 2.5 x 10^6 cells/cm2 per one review): dosed by defect area, not per administration",
        ),
        status_text: "Approved 19 Jan 2012; re-approved by 27 Aug 2021",
        citation: "KPIC/health.kr drug record; PMC12371117 Table 1",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::CupistemKr,
        name: "Cupistem",
        nonproprietary_name: "autologous adipose tissue-derived mesenchymal stem cells",
        sponsor: "Anterogen Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2012),
        authorised_on: None,
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::PerianalFistula],
        indication_text: "Crohn's disease-associated (perianal) fistula",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::Autologous,
        preparation: P::CultureExpandedMsc,
        route: Route::Intralesional,
        route_text: "intralesional injection into the fistula tract",
        dose: LabelDose {
            per_administration: range(3e7, 6e7),
            ..words(
                "Proportional to fistula size: 3 x 10^7 cells in 1 mL for a diameter up to 1 cm, 6 x 10^7 cells in 2 mL for 1-2 cm",
            )
        },
        status_text: "Approved Jan 2012 (announced 19 Jan 2012); re-approved by 27 Aug 2021",
        citation: "WowTV 19 Jan 2012; PMC10536665 Table 1; Stem Cells 2013 (doi:10.1002/stem.1357)",
        confidence: C::Medium,
    },
    ApprovedProduct {
        key: Key::NeuronataRKr,
        name: "NeuroNata-R Inj.",
        nonproprietary_name: "lenzumestrocel",
        sponsor: "Corestem Inc.",
        jurisdiction: J::SouthKorea,
        pathway: "MFDS conditional approval",
        numbers: &[],
        kind: K::Conditional,
        status: S::Unconfirmed,
        confirmed: false,
        year: Some(2014),
        authorised_on: None,
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[event(
            "Dec 2024",
            "The confirmatory Phase 3 trial ALSummit (NCT04745299) missed its primary endpoint; the Korean status after the result is not found",
            "Corestem (via PR Newswire)",
            "Corestem on the ALSummit Phase 3 topline result and its next steps",
            "2025-05-29",
        )],
        indications: &[Indication::Als],
        indication_text: "Amyotrophic lateral sclerosis (slowing progression), with riluzole",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        preparation: P::CultureExpandedMsc,
        route: Route::Intrathecal,
        route_text: "intrathecal injection",
        dose: LabelDose {
            per_kg: range(1e6, 1e6),
            per_administration: range(4e7, 4e7),
            ..words(
                "Two intrathecal injections 26 days apart; about 1 x 10^6 cells/kg per injection per one review, 4.0 x 10^7 cells in 4 mL per another",
            )
        },
        status_text: "Conditionally approved Jul 2014; confirmatory Phase 3 ALSummit (NCT04745299) missed its primary endpoint (Dec 2024); status in Korea after the result not found",
        citation: "Corestem; Trials 2022;23:415; PR Newswire, 29 May 2025 (Corestem); PMC10536665 Table 1",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::QueencellKr,
        name: "Queencell",
        nonproprietary_name: "autologous adipose tissue-derived minimally manipulated cells (stromal vascular fraction)",
        sponsor: "Anterogen Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2010),
        authorised_on: None,
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::SoftTissueDefect],
        indication_text: "Improvement of subcutaneous fat (soft-tissue) defects",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::Autologous,
        preparation: P::StromalVascularFraction,
        route: Route::Subcutaneous,
        route_text: "subcutaneous injection / implantation",
        dose: words(
            "Per defect size; about 1 x 10^6 cells/mL: dosed by volume, not per administration",
        ),
        status_text: "2010 approval year from review tables only; re-approved 2021. Minimally manipulated SVF rather than expanded MSCs",
        citation: "Nature STTT 2024 Table 1 (s41392-024-01936-8); PMC10536665 Table 1",
        confidence: C::Low,
    },
    ApprovedProduct {
        key: Key::StempeucelIn,
        name: "Stempeucel",
        nonproprietary_name: "ex vivo expanded, pooled allogeneic bone marrow-derived mesenchymal stromal cells",
        sponsor: "Stempeutics Research (marketed by Cipla)",
        jurisdiction: J::India,
        pathway: "DCGI/CDSCO",
        numbers: &[],
        kind: K::Conditional,
        status: S::InForce,
        confirmed: true,
        year: Some(2016),
        authorised_on: Some(date(2016, 5, 30)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::CriticalLimbIschemia],
        indication_text: "Critical limb ischaemia due to Buerger's disease; from 2020 also due to atherosclerotic peripheral arterial disease",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intramuscular,
        route_text: "intramuscular (calf muscles) plus local injection around the ulcer",
        dose: LabelDose {
            per_kg: range(2e6, 2e6),
            ..words("2 x 10^6 cells/kg body weight")
        },
        status_text: "'Limited approval for manufacturing and marketing' announced 30 May 2016; approval for launch 21 Aug 2020",
        citation: "Business Standard/PTI 30 May 2016; Cipla press release 21 Aug 2020; Stem Cells Transl Med 2021;10:1602",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::StemoneIn,
        name: "StemOne / Ciplostem",
        nonproprietary_name: "pooled allogeneic bone marrow-derived mesenchymal stromal cells (Stempeucel-OA)",
        sponsor: "Stempeutics Research (marketed by Alkem, later Cipla)",
        jurisdiction: J::India,
        pathway: "DCGI/CDSCO",
        numbers: &[],
        kind: K::Full,
        status: S::InForce,
        confirmed: true,
        year: Some(2022),
        authorised_on: None,
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::KneeOsteoarthritis],
        indication_text: "Knee osteoarthritis (Kellgren-Lawrence grade II-III)",
        population: LabelPopulation::ANYONE,
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::IntraArticular,
        route_text: "intra-articular injection (ultrasound-guided), with hyaluronic acid",
        dose: LabelDose {
            per_administration: range(2.5e7, 2.5e7),
            ..words("Single dose of 25 x 10^6 cells with hyaluronic acid")
        },
        status_text: "Launched about Sep 2022 after DCGI/CDSCO approval (exact date not found); relaunched as Ciplostem Dec 2025",
        citation: "Express Pharma; Moneycontrol 25 Sep 2022; Business Standard 3 Dec 2025",
        confidence: C::Medium,
    },
    ApprovedProduct {
        key: Key::RuiboshengCn,
        name: "Ruibosheng",
        nonproprietary_name: "amimestrocel injection (hUC-MSC)",
        sponsor: "Platinum Life Biotech",
        jurisdiction: J::China,
        pathway: "NMPA conditional approval via priority review",
        numbers: &[],
        kind: K::Conditional,
        status: S::InForce,
        confirmed: true,
        year: Some(2025),
        authorised_on: Some(date(2025, 1, 2)),
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD, predominantly with gastrointestinal involvement, in patients aged 14 and over",
        // "Aged 14 and over"; steroid-refractory.
        population: population(years(14.0), None, true),
        tissue: TissueSource::UmbilicalCordTissue,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion (inferred; not stated in the sources retrieved)",
        dose: words("Not retrieved"),
        status_text: "Conditionally approved 2 Jan 2025, China's first approved MSC drug",
        citation: "Xinhua 3 Jan 2025; China Pharmaceutical News 4 Jan 2025; NMPA notice 2025-01-02",
        confidence: C::High,
    },
    ApprovedProduct {
        key: Key::ObnitixDe,
        name: "Obnitix (MSC-FFM)",
        nonproprietary_name: "human allogeneic mesenchymal stromal cells, expanded, cryopreserved",
        sponsor: "medac GmbH",
        jurisdiction: J::Germany,
        pathway: "National authorisation under Section 4b AMG (PEI); not an EU marketing authorisation",
        numbers: &[],
        kind: K::National,
        status: S::InForce,
        confirmed: true,
        year: None,
        authorised_on: None,
        time_limit_ends_on: None,
        term_years: None,
        full_approval_applied_on: None,
        withdrawn_on: None,
        restriction: None,
        events: &[],
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD grade II-IV (add-on), children 2 years and over and adults",
        // "Children 2 years and over and adults"; steroid-refractory.
        population: population(years(2.0), None, true),
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        preparation: P::CultureExpandedMsc,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: LabelDose {
            per_kg: range(1e6, 2e6),
            ..words(
                "Bags of 30, 60 or 90 x 10^6 cells; about 1-2 x 10^6 cells/kg, four weekly applications (to verify)",
            )
        },
        status_text: "Authorised nationally (year not found); available from 15 Sep 2019; EU Phase 3 ongoing",
        citation: "Frankfurt University Hospital; Cells 2019;8:1577 (PMC6952775); EU CTR 2019-001462-15",
        confidence: C::Medium,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_in_key_order() {
        assert_eq!(CATALOG.len(), CatalogKey::ALL.len());
        for (entry, key) in CATALOG.iter().zip(CatalogKey::ALL) {
            assert_eq!(entry.key, *key);
        }
    }

    #[test]
    fn label_ages_are_valid_and_ordered() {
        for p in CATALOG {
            let pop = p.population;
            for age in [pop.min_age, pop.below_age].into_iter().flatten() {
                assert_eq!(Age::new(age.value(), age.unit()), Ok(age), "{}", p.name);
            }
            if let (Some(min), Some(end)) = (pop.min_age, pop.below_age) {
                assert!(min.compare(&end).is_lt(), "{}", p.name);
            }
        }
    }

    #[test]
    fn dates_are_ordered_and_ranges_are_ordered() {
        for p in CATALOG {
            if let Some(from) = p.authorised_on {
                for later in [
                    p.time_limit_ends_on,
                    p.withdrawn_on,
                    p.full_approval_applied_on,
                ]
                .into_iter()
                .flatten()
                {
                    assert!(from < later, "{}", p.name);
                }
                if let Some(year) = p.year {
                    assert_eq!(i32::from(from.year()), i32::from(year), "{}", p.name);
                }
            }
            if let Some(r) = p.restriction {
                assert!(
                    r.from <= r.last_known_on && r.last_known_on < r.lifted_by,
                    "{}",
                    p.name
                );
            }
            for r in [p.dose.per_administration, p.dose.per_kg]
                .into_iter()
                .flatten()
            {
                assert!(r.min > 0.0 && r.min <= r.max, "{}", p.name);
            }
        }
    }

    /// The `status` field is the status on the knowledge horizon, as the dates give it.
    #[test]
    fn status_is_the_status_on_the_knowledge_horizon() {
        for p in CATALOG {
            assert_eq!(
                p.status,
                p.status_on(crate::KNOWLEDGE_HORIZON),
                "{}",
                p.name
            );
        }
    }
}
