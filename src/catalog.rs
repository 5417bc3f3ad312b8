//! The catalog of MSC products with a marketing authorisation somewhere in the world.
//!
//! Built into the crate as a static Rust table (no parsing at run time, nothing that can fail),
//! transcribed from the project's reference list of approved products. Each entry keeps the
//! original wording of its indication, route and status next to the typed values, and its
//! citation.
//!
//! Left out on purpose: MesoCellA-Ortho (autologous adipose MSCs for knee osteoarthritis,
//! Jagiellonian University, Poland). The reference list carries it only to record that it has
//! **no** marketing or hospital-exemption authorisation (a completed Phase 1/2 trial,
//! NCT05081921; Phase 3 still needed). A catalog of authorised products must not list it.

use crate::table::vocab;
use crate::{Donor, Indication, Route, TissueSource};
use serde::Serialize;

/// **What the crate knows about a jurisdiction**: one row of the [`Jurisdiction`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct JurisdictionInfo {
    /// The regulator that grants marketing authorisations for cell therapies there.
    pub regulator: &'static str,
}

vocab! {
    /// **A country or union whose regulator can authorise an MSC product.**
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Jurisdiction;
    ///
    /// assert_eq!(Jurisdiction::UnitedStates.info().regulator, "FDA (CBER)");
    /// assert_eq!("south_korea".parse::<Jurisdiction>()?, Jurisdiction::SouthKorea);
    /// # Ok::<(), strum::ParseError>(())
    /// ```
    #[non_exhaustive]
    pub enum Jurisdiction: JurisdictionInfo {
        /// The United States.
        UnitedStates => "united_states", "United States", JurisdictionInfo { regulator: "FDA (CBER)" };
        /// Canada.
        Canada => "canada", "Canada", JurisdictionInfo { regulator: "Health Canada (BGTD)" };
        /// New Zealand.
        NewZealand => "new_zealand", "New Zealand", JurisdictionInfo { regulator: "Medsafe" };
        /// The European Union (centralised marketing authorisation).
        EuropeanUnion => "european_union", "European Union", JurisdictionInfo { regulator: "European Commission on EMA's opinion" };
        /// Germany (national authorisations, outside the EU's centralised procedure).
        Germany => "germany", "Germany", JurisdictionInfo { regulator: "Paul-Ehrlich-Institut (PEI)" };
        /// Japan.
        Japan => "japan", "Japan", JurisdictionInfo { regulator: "MHLW / PMDA" };
        /// South Korea.
        SouthKorea => "south_korea", "South Korea", JurisdictionInfo { regulator: "MFDS (formerly KFDA)" };
        /// India.
        India => "india", "India", JurisdictionInfo { regulator: "CDSCO / DCGI" };
        /// China.
        China => "china", "China", JurisdictionInfo { regulator: "NMPA" };
    }
}

vocab! {
    /// **The state of a product's authorisation in one jurisdiction.**
    ///
    /// *Conditional* approvals (Japan's conditional and time-limited approval, Canada's NOC/c,
    /// Korea's and China's conditional approvals, New Zealand's provisional consent) let a
    /// product be sold while confirmatory evidence is gathered.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::AuthorisationStatus;
    ///
    /// assert!(AuthorisationStatus::Conditional.in_force());
    /// assert!(!AuthorisationStatus::Withdrawn.in_force());
    /// ```
    #[non_exhaustive]
    pub enum AuthorisationStatus {
        /// A full marketing authorisation, in force.
        Authorised => "authorised", "authorised";
        /// A conditional, provisional or time-limited authorisation.
        Conditional => "conditional", "conditionally authorised";
        /// A national authorisation outside a marketing authorisation (e.g. Germany's § 4b AMG).
        NationalAuthorisation => "national_authorisation", "national authorisation (not a marketing authorisation)";
        /// Withdrawn: no longer authorised.
        Withdrawn => "withdrawn", "withdrawn";
    }
}

impl AuthorisationStatus {
    /// The authorisation is in force (not withdrawn).
    #[must_use]
    pub const fn in_force(self) -> bool {
        !matches!(self, Self::Withdrawn)
    }
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

/// **One MSC product's authorisation in one jurisdiction**: a row of the built-in catalog.
///
/// Products authorised in several places (Prochymal, Alofisel) have one row per jurisdiction.
/// The typed fields (`indications`, `tissue`, `donor`, `route`) are the crate's closest terms;
/// the `*_text` fields keep the source's wording, which is narrower (e.g. "steroid-refractory
/// acute GvHD in paediatric patients 2 months of age and older").
///
/// # Examples
///
/// ```
/// use msc_therapy::{ApprovedProduct, Indication, Jurisdiction};
///
/// // The only FDA-approved MSC product: Ryoncil, for (paediatric, steroid-refractory) GvHD.
/// let us: Vec<_> = ApprovedProduct::by_jurisdiction(Jurisdiction::UnitedStates).collect();
/// assert_eq!(us.len(), 1);
/// assert_eq!(us[0].name, "Ryoncil");
///
/// // No MSC product is FDA-approved for knee osteoarthritis.
/// assert_eq!(
///     ApprovedProduct::approved_in(Jurisdiction::UnitedStates, Indication::KneeOsteoarthritis).count(),
///     0
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ApprovedProduct {
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
    /// The year of first authorisation there, when known.
    pub year: Option<u16>,
    /// The authorised indication(s), in the crate's terms.
    pub indications: &'static [Indication],
    /// The authorised indication, in the source's words.
    pub indication_text: &'static str,
    /// The source tissue.
    pub tissue: TissueSource,
    /// Whose cells.
    pub donor: Donor,
    /// The route, in the crate's terms.
    pub route: Route,
    /// The route, in the source's words.
    pub route_text: &'static str,
    /// The dose, in the source's words.
    pub dose: &'static str,
    /// The state of the authorisation.
    pub status: AuthorisationStatus,
    /// The status in the source's words, with dates.
    pub status_text: &'static str,
    /// Where the facts come from.
    pub citation: &'static str,
    /// How well the sources support the entry.
    pub confidence: Confidence,
}

impl ApprovedProduct {
    /// Every catalog entry.
    pub const ALL: &'static [Self] = CATALOG;

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

    /// Products whose authorisation for `indication` is in force in `jurisdiction`.
    pub fn approved_in(
        jurisdiction: Jurisdiction,
        indication: Indication,
    ) -> impl Iterator<Item = &'static Self> {
        Self::by_indication(indication)
            .filter(move |p| p.jurisdiction == jurisdiction && p.status.in_force())
    }

    /// Products whose authorisation for `indication` is in force anywhere.
    pub fn approved_anywhere(indication: Indication) -> impl Iterator<Item = &'static Self> {
        Self::by_indication(indication).filter(|p| p.status.in_force())
    }
}

use AuthorisationStatus as S;
use Confidence as C;
use Jurisdiction as J;

const CATALOG: &[ApprovedProduct] = &[
    ApprovedProduct {
        name: "Ryoncil",
        nonproprietary_name: "remestemcel-L-rknd",
        sponsor: "Mesoblast Ltd (Mesoblast, Inc.)",
        jurisdiction: J::UnitedStates,
        pathway: "FDA, Biologics License Application",
        year: Some(2024),
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD in paediatric patients 2 months of age and older",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "2 x 10^6 MSC/kg per IV infusion, twice weekly for 4 consecutive weeks (8 infusions), at least 3 days apart; further dosing by Day-28 response",
        status: S::Authorised,
        status_text: "Approved 18 Dec 2024; the first FDA-approved MSC therapy",
        citation: "FDA approval 18 Dec 2024 (Pharmacy Times); Ryoncil label via drugs.com",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Prochymal",
        nonproprietary_name: "remestemcel-L",
        sponsor: "Osiris Therapeutics (later Mesoblast International Sarl)",
        jurisdiction: J::Canada,
        pathway: "Health Canada, Notice of Compliance with conditions (NOC/c)",
        year: Some(2012),
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD in paediatric patients refractory to systemic corticosteroids and/or other immunosuppressants",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "100 x 10^6 hMSC per 15 mL presentation; per-kg regimen not retrieved",
        status: S::Conditional,
        status_text: "NOC/c 17 May 2012; monograph revised 6 Mar 2014; current Canadian marketing status not confirmed",
        citation: "Torys LLP 2012; Prochymal Product Monograph NOC/c rev. 6 Mar 2014",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Prochymal",
        nonproprietary_name: "remestemcel-L",
        sponsor: "Osiris Therapeutics (NZ sponsor CARSL Consulting)",
        jurisdiction: J::NewZealand,
        pathway: "Medsafe, Minister's provisional consent (Medicines Act 1981 s 23)",
        year: Some(2012),
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD in children (steroid-refractory)",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "100 million cells in 15 mL; per-kg regimen not retrieved",
        status: S::Conditional,
        status_text: "Provisional consent 14 Jun 2012, renewed to Jun 2016; no later renewal found (likely lapsed, unconfirmed)",
        citation: "NZ Gazette notice 2014-go3437; Osiris press release 14 Jun 2012",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "TEMCELL HS Inj.",
        nonproprietary_name: "human (allogeneic) bone marrow-derived mesenchymal stem cells (JR-031)",
        sponsor: "JCR Pharmaceuticals",
        jurisdiction: J::Japan,
        pathway: "MHLW/PMDA, PMD Act regenerative medical product, full approval",
        year: Some(2015),
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Acute GvHD after haematopoietic stem cell transplantation",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "2 x 10^6 cells/kg per dose, twice weekly for 4 weeks; may add once weekly for 4 more weeks",
        status: S::Authorised,
        status_text: "Approved 18 Sep 2015; launched 24 Feb 2016",
        citation: "JCR press releases; Stem Cell Res Ther 2025 s13287-025-04343-0 Table 3",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Alofisel",
        nonproprietary_name: "darvadstrocel (Cx601)",
        sponsor: "TiGenix NV / Takeda",
        jurisdiction: J::EuropeanUnion,
        pathway: "Centralised marketing authorisation (EMEA/H/C/004258)",
        year: Some(2018),
        indications: &[Indication::PerianalFistula],
        indication_text: "Complex perianal fistulas in adults with non-active/mildly active luminal Crohn's disease, inadequate response to at least one conventional or biologic therapy",
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intralesional,
        route_text: "intralesional injection (fistula tract / internal openings)",
        dose: "Single dose of 120 x 10^6 cells (4 vials of 30 x 10^6 cells in 6 mL)",
        status: S::Withdrawn,
        status_text: "Authorised 23 Mar 2018; withdrawn 13 Dec 2024 at the holder's request after ADMIRE-CD II missed its primary endpoint",
        citation: "EMA news 'Alofisel withdrawn from the EU market'; Takeda statement 13 Dec 2024",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Alofisel",
        nonproprietary_name: "darvadstrocel",
        sponsor: "Takeda Pharmaceutical",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act, full approval",
        year: Some(2021),
        indications: &[Indication::PerianalFistula],
        indication_text: "Complex perianal fistulas in non-active or mildly active luminal Crohn's disease with inadequate response to at least one existing treatment",
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intralesional,
        route_text: "intralesional injection",
        dose: "Single 24 mL intralesional injection of 120 x 10^6 cells",
        status: S::Authorised,
        status_text: "Approved 27 Sep 2021; status after the Dec 2024 EU withdrawal not confirmed",
        citation: "Takeda press release 27 Sep 2021; J Crohns Colitis Ph3 (PMC10069615)",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "STEMIRAC for Injection",
        nonproprietary_name: "human (autologous) bone marrow-derived mesenchymal stem cells (STR01)",
        sponsor: "Nipro Corporation (with Sapporo Medical University)",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act conditional and time-limited approval (7 years)",
        year: Some(2018),
        indications: &[Indication::SpinalCordInjury],
        indication_text: "Neurological symptoms and functional impairment of traumatic spinal cord injury, ASIA Impairment Scale A, B or C",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "0.5-2.0 x 10^8 autologous MSC per administration (max 3.34 x 10^6 cells/kg)",
        status: S::Conditional,
        status_text: "Conditional, time-limited approval 28 Dec 2018; full approval applied for 14 Nov 2025",
        citation: "Nipro product information; Nikkei Biotech",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "AKUUGO Suspension for Intracranial Implantation",
        nonproprietary_name: "vandefitemcel (SB623)",
        sponsor: "SanBio Co., Ltd.",
        jurisdiction: J::Japan,
        pathway: "MHLW, PMD Act conditional and time-limited approval",
        year: Some(2024),
        indications: &[Indication::TraumaticBrainInjury],
        indication_text: "Chronic motor paralysis resulting from traumatic brain injury",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intracerebral,
        route_text: "intracerebral (stereotactic) implantation around injured tissue",
        dose: "Approved dose not retrieved (Phase 2 STEMTRA tested 2.5, 5.0 and 10 x 10^6 cells)",
        status: S::Conditional,
        status_text: "Conditional, time-limited approval 31 Jul 2024, with shipment barred until quality comparability is shown; launch pending",
        citation: "SanBio press release 31 Jul 2024; e-radfan 17 Oct 2025",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Hearticellgram-AMI",
        nonproprietary_name: "autologous bone marrow-derived mesenchymal stem cells",
        sponsor: "FCB-Pharmicell",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        year: Some(2011),
        indications: &[Indication::AcuteMyocardialInfarction],
        indication_text: "Improvement of left-ventricular ejection fraction after acute ST-elevation myocardial infarction",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        route: Route::Intracoronary,
        route_text: "intracoronary injection",
        dose: "Weight-banded: 5, 7 or 9 x 10^7 cells",
        status: S::Authorised,
        status_text: "Approved effective 1 Jul 2011; re-approved by 27 Aug 2021",
        citation: "Seoul Economic Daily; Pharmaceuticals 2023 Table 1 (PMC10536665)",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Cartistem",
        nonproprietary_name: "allogeneic umbilical cord blood-derived mesenchymal stem cells + sodium hyaluronate",
        sponsor: "Medipost Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        year: Some(2012),
        indications: &[Indication::CartilageDefect],
        indication_text: "Knee cartilage defects in patients with osteoarthritis (ICRS grade IV) due to degeneration or repeated trauma",
        tissue: TissueSource::UmbilicalCordBlood,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intralesional,
        route_text: "surgical implantation into the knee cartilage defect, mixed with hyaluronate hydrogel",
        dose: "500 uL/cm2 of defect",
        status: S::Authorised,
        status_text: "Approved 19 Jan 2012; re-approved by 27 Aug 2021",
        citation: "KPIC/health.kr drug record; PMC12371117 Table 1",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Cupistem",
        nonproprietary_name: "autologous adipose tissue-derived mesenchymal stem cells",
        sponsor: "Anterogen Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        year: Some(2012),
        indications: &[Indication::PerianalFistula],
        indication_text: "Crohn's disease-associated (perianal) fistula",
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::Autologous,
        route: Route::Intralesional,
        route_text: "intralesional injection into the fistula tract",
        dose: "Proportional to fistula size, e.g. 3 x 10^7 cells in 1 mL for a diameter up to 1 cm",
        status: S::Authorised,
        status_text: "Approved Jan 2012; re-approved by 27 Aug 2021",
        citation: "WowTV 19 Jan 2012; PMC10536665 Table 1; Stem Cells 2013 (doi:10.1002/stem.1357)",
        confidence: C::Medium,
    },
    ApprovedProduct {
        name: "NeuroNata-R Inj.",
        nonproprietary_name: "lenzumestrocel",
        sponsor: "Corestem Inc.",
        jurisdiction: J::SouthKorea,
        pathway: "MFDS conditional approval",
        year: Some(2014),
        indications: &[Indication::Als],
        indication_text: "Amyotrophic lateral sclerosis (slowing progression), with riluzole",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::Autologous,
        route: Route::Intrathecal,
        route_text: "intrathecal injection",
        dose: "Two intrathecal injections 26 days apart; about 1 x 10^6 cells/kg per injection per one review",
        status: S::Conditional,
        status_text: "Conditionally approved Jul 2014; confirmatory Phase 3 ALSummit (NCT04745299) missed its primary endpoint (Dec 2024)",
        citation: "Corestem; Trials 2022;23:415; PMC10536665 Table 1",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Queencell",
        nonproprietary_name: "autologous adipose tissue-derived minimally manipulated cells (stromal vascular fraction)",
        sponsor: "Anterogen Co., Ltd.",
        jurisdiction: J::SouthKorea,
        pathway: "KFDA/MFDS; re-approved as an advanced biopharmaceutical (2021)",
        year: Some(2010),
        indications: &[Indication::SoftTissueDefect],
        indication_text: "Improvement of subcutaneous fat (soft-tissue) defects",
        tissue: TissueSource::AdiposeTissue,
        donor: Donor::Autologous,
        route: Route::Subcutaneous,
        route_text: "subcutaneous injection / implantation",
        dose: "Per defect size; about 1 x 10^6 cells/mL",
        status: S::Authorised,
        status_text: "2010 approval year from review tables only; re-approved 2021. Minimally manipulated SVF rather than expanded MSCs",
        citation: "Nature STTT 2024 Table 1 (s41392-024-01936-8); PMC10536665 Table 1",
        confidence: C::Low,
    },
    ApprovedProduct {
        name: "Stempeucel",
        nonproprietary_name: "ex vivo expanded, pooled allogeneic bone marrow-derived mesenchymal stromal cells",
        sponsor: "Stempeutics Research (marketed by Cipla)",
        jurisdiction: J::India,
        pathway: "DCGI/CDSCO",
        year: Some(2016),
        indications: &[Indication::CriticalLimbIschemia],
        indication_text: "Critical limb ischaemia due to Buerger's disease; from 2020 also due to atherosclerotic peripheral arterial disease",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intramuscular,
        route_text: "intramuscular (calf muscles) plus local injection around the ulcer",
        dose: "2 x 10^6 cells/kg body weight",
        status: S::Authorised,
        status_text: "Limited approval for manufacturing and marketing 30 May 2016; approval for launch 21 Aug 2020",
        citation: "Business Standard/PTI 30 May 2016; Cipla press release 21 Aug 2020; Stem Cells Transl Med 2021;10:1602",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "StemOne / Ciplostem",
        nonproprietary_name: "pooled allogeneic bone marrow-derived mesenchymal stromal cells (Stempeucel-OA)",
        sponsor: "Stempeutics Research (marketed by Alkem, later Cipla)",
        jurisdiction: J::India,
        pathway: "DCGI/CDSCO",
        year: Some(2022),
        indications: &[Indication::KneeOsteoarthritis],
        indication_text: "Knee osteoarthritis (Kellgren-Lawrence grade II-III)",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::IntraArticular,
        route_text: "intra-articular injection (ultrasound-guided), with hyaluronic acid",
        dose: "Single dose of 25 x 10^6 cells with hyaluronic acid",
        status: S::Authorised,
        status_text: "Launched about Sep 2022 after DCGI/CDSCO approval (exact date not found); relaunched as Ciplostem Dec 2025",
        citation: "Express Pharma; Moneycontrol 25 Sep 2022; Business Standard 3 Dec 2025",
        confidence: C::Medium,
    },
    ApprovedProduct {
        name: "Ruibosheng",
        nonproprietary_name: "amimestrocel injection (hUC-MSC)",
        sponsor: "Platinum Life Biotech",
        jurisdiction: J::China,
        pathway: "NMPA conditional approval via priority review",
        year: Some(2025),
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD, predominantly with gastrointestinal involvement, in patients aged 14 and over",
        tissue: TissueSource::UmbilicalCordTissue,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion (inferred; not stated in the sources retrieved)",
        dose: "Not retrieved",
        status: S::Conditional,
        status_text: "Conditionally approved 2 Jan 2025, China's first approved MSC drug",
        citation: "Xinhua 3 Jan 2025; China Pharmaceutical News 4 Jan 2025; NMPA notice 2025-01-02",
        confidence: C::High,
    },
    ApprovedProduct {
        name: "Obnitix (MSC-FFM)",
        nonproprietary_name: "human allogeneic mesenchymal stromal cells, expanded, cryopreserved",
        sponsor: "medac GmbH",
        jurisdiction: J::Germany,
        pathway: "National authorisation under Section 4b AMG (PEI); not an EU marketing authorisation",
        year: None,
        indications: &[Indication::GraftVersusHostDisease],
        indication_text: "Steroid-refractory acute GvHD grade II-IV (add-on), children 2 years and over and adults",
        tissue: TissueSource::BoneMarrow,
        donor: Donor::AllogeneicUnrelated,
        route: Route::Intravenous,
        route_text: "intravenous infusion",
        dose: "Bags of 30, 60 or 90 x 10^6 cells; about 1-2 x 10^6 cells/kg, four weekly applications (to verify)",
        status: S::NationalAuthorisation,
        status_text: "Authorised nationally (year not found); available from 15 Sep 2019; EU Phase 3 ongoing",
        citation: "Frankfurt University Hospital; Cells 2019;8:1577 (PMC6952775); EU CTR 2019-001462-15",
        confidence: C::Medium,
    },
];
