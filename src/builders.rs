//! Constructors and builders for the input documents, so that a record built in Rust needs one
//! `?`, not one per number.
//!
//! - Small records with no fallible field get constructors and `with_*` methods on the type
//!   itself: [`Processing::of_steps`], [`IntendedUse::new`], [`Delivery::new`].
//! - Records with validated numbers or texts get a builder whose setters take the plain value
//!   (`f64`, `u64`, `&str`) or the validated type, and whose `build()` checks them all and
//!   returns the first problem as a [`DocumentError`] with the path the same field has in JSON
//!   (`release.viability[0].percent`): [`Product::builder`], [`ReleaseData::builder`],
//!   [`Dose::builder`], [`Certificate::builder`], [`ClinicOffer::builder`].
//! - [`Viability::new`], [`IdentityPanel::try_from_markers`] (which rejects a marker given
//!   twice, where a map insert would silently keep the last).

use crate::{
    AddedArticle, BodyWeightKg, CellCount, CellPreparation, CellsPerKg, Certificate, CfuFrequency,
    Claim, ClinicOffer, Delivery, DocumentError, Donor, Dose, EndotoxinEuPerMl, IdentityPanel,
    ImageGuidance, Indication, IntendedUse, IsoDate, Manufacturing, Mechanism, Millilitres,
    MscDesignation, NctId, Passage, PatientContext, Percent, PopulationDoublings, PotencyResult,
    Price, Processing, ProcessingStep, Product, ProductState, Recipient, ReleaseData, Route,
    SecretedFactor, SiteOfUse, SupplyModel, SurfaceMarker, TestOutcome, Text, TissueFunction,
    TissueSource, TrialEvidence, ValueError, Viability, ViabilityMethod, ViabilityTiming,
};

/// The first problem a builder met, located by the path the field has in JSON.
#[derive(Debug, Clone, Default, PartialEq)]
struct Problem(Option<DocumentError>);

impl Problem {
    /// Converts `value`, or records why it cannot be converted (the first problem wins).
    fn check<T, V>(&mut self, path: &str, value: V) -> Option<T>
    where
        V: TryInto<T>,
        V::Error: Into<ValueError>,
    {
        match value.try_into() {
            Ok(value) => Some(value),
            Err(err) => {
                self.record(DocumentError::invalid_value(path, err.into()));
                None
            }
        }
    }

    fn record(&mut self, error: DocumentError) {
        if self.0.is_none() {
            self.0 = Some(error);
        }
    }

    /// Takes over the problem of a nested builder, placed under `prefix`.
    fn nested(&mut self, prefix: &str, inner: Problem) {
        if let Some(error) = inner.0 {
            self.record(error.within(prefix));
        }
    }

    fn finish<T>(self, value: T) -> Result<T, DocumentError> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records without fallible fields: constructors and `with_*` methods
// ---------------------------------------------------------------------------------------------

impl Processing {
    /// **Processing made of exactly these steps**, in order; nothing else stated (added
    /// articles and the same-procedure question stay unknown).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Processing;
    /// use msc_therapy::vocab::{AddedArticle, ProcessingStep};
    ///
    /// let p = Processing::of_steps([ProcessingStep::CultureExpansion, ProcessingStep::Cryopreservation])
    ///     .with_added_articles([AddedArticle::StorageAgent]);
    /// assert_eq!(p.steps_known().map(<[_]>::len), Some(2));
    /// assert_eq!(p.same_surgical_procedure, None);
    /// ```
    #[must_use]
    pub fn of_steps(steps: impl IntoIterator<Item = ProcessingStep>) -> Self {
        Self {
            steps: Some(steps.into_iter().collect()),
            ..Self::default()
        }
    }

    /// The same, with the articles combined with the cells stated (`[]`: none).
    #[must_use]
    pub fn with_added_articles(mut self, articles: impl IntoIterator<Item = AddedArticle>) -> Self {
        self.added_articles = Some(articles.into_iter().collect());
        self
    }

    /// The same, stating whether the cells were removed and put back in one surgical procedure.
    #[must_use]
    pub fn with_same_surgical_procedure(mut self, same: bool) -> Self {
        self.same_surgical_procedure = Some(same);
        self
    }

    /// The same, stating whether the maker holds data that its "depends on data" steps are
    /// minimal manipulation.
    #[must_use]
    pub fn with_minimal_manipulation_data(mut self, held: bool) -> Self {
        self.minimal_manipulation_data = Some(held);
        self
    }
}

impl IntendedUse {
    /// **An intended use with nothing stated yet**: every field unknown.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::IntendedUse;
    /// use msc_therapy::vocab::{Indication, TissueFunction};
    ///
    /// let use_ = IntendedUse::new()
    ///     .with_functions([TissueFunction::Immunomodulation])
    ///     .with_indications([Indication::GraftVersusHostDisease])
    ///     .with_systemic_effect(true);
    /// assert_eq!(use_.indications_known(), Some(&[Indication::GraftVersusHostDisease][..]));
    /// assert_eq!(use_.reproductive_use, None);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same, with the functions it is meant to perform (`[]`: none claimed).
    #[must_use]
    pub fn with_functions(mut self, functions: impl IntoIterator<Item = TissueFunction>) -> Self {
        self.functions = Some(functions.into_iter().collect());
        self
    }

    /// The same, with the conditions it is meant to treat (`[]`: none).
    #[must_use]
    pub fn with_indications(mut self, indications: impl IntoIterator<Item = Indication>) -> Self {
        self.indications = Some(indications.into_iter().collect());
        self
    }

    /// The same, with the place in the body where it is meant to act.
    #[must_use]
    pub fn with_site_of_use(mut self, site: SiteOfUse) -> Self {
        self.site_of_use = Some(site);
        self
    }

    /// The same, stating whether it acts on the whole body (21 CFR 1271.10(a)(4)).
    #[must_use]
    pub fn with_systemic_effect(mut self, systemic: bool) -> Self {
        self.systemic_effect = Some(systemic);
        self
    }

    /// The same, stating whether its primary function depends on living cells' metabolic
    /// activity (21 CFR 1271.10(a)(4)).
    #[must_use]
    pub fn with_dependence_on_living_cells(mut self, depends: bool) -> Self {
        self.depends_on_living_cells = Some(depends);
        self
    }

    /// The same, stating whether it is for reproductive use (21 CFR 1271.10(a)(4)(ii)(c)).
    #[must_use]
    pub fn with_reproductive_use(mut self, reproductive: bool) -> Self {
        self.reproductive_use = Some(reproductive);
        self
    }
}

impl Delivery {
    /// **Given by `route`**, guidance not stated.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Delivery;
    /// use msc_therapy::vocab::{ImageGuidance, Route};
    ///
    /// let d = Delivery::new(Route::IntraArticular).with_guidance(ImageGuidance::Ultrasound);
    /// assert_eq!(d.guidance, Some(ImageGuidance::Ultrasound));
    /// ```
    #[must_use]
    pub const fn new(route: Route) -> Self {
        Self {
            route,
            guidance: None,
        }
    }

    /// The same, guided by `guidance`.
    #[must_use]
    pub const fn with_guidance(mut self, guidance: ImageGuidance) -> Self {
        self.guidance = Some(guidance);
        self
    }
}

impl Viability {
    /// **One viability measurement**: `percent` of the cells alive, measured at `timing`.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Viability;
    /// use msc_therapy::vocab::{ViabilityMethod, ViabilityTiming};
    ///
    /// let v = Viability::new(92.5, ViabilityTiming::PostThaw)?.measured_by(ViabilityMethod::FlowCytometry);
    /// assert_eq!(v.percent.get(), 92.5);
    /// assert!(Viability::new(140.0, ViabilityTiming::PostThaw).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ValueError`] when `percent` is not between 0 and 100.
    pub fn new<P>(percent: P, timing: ViabilityTiming) -> Result<Self, ValueError>
    where
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        Ok(Self {
            percent: percent.try_into().map_err(Into::into)?,
            timing: Some(timing),
            method: None,
        })
    }

    /// **A viability measurement whose timing is not stated**: `percent` of the cells alive,
    /// measured before freezing or after thawing, the record does not say which. It never
    /// counts as a post-thaw result ([`crate::ReleaseData::viability_for`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Viability;
    ///
    /// let v = Viability::timing_not_stated(90.0)?;
    /// assert_eq!(v.timing, None);
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ValueError`] when `percent` is not between 0 and 100.
    pub fn timing_not_stated<P>(percent: P) -> Result<Self, ValueError>
    where
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        Ok(Self {
            percent: percent.try_into().map_err(Into::into)?,
            timing: None,
            method: None,
        })
    }

    /// The same, measured by `method`.
    #[must_use]
    pub const fn measured_by(mut self, method: ViabilityMethod) -> Self {
        self.method = Some(method);
        self
    }
}

impl IdentityPanel {
    /// **A panel of flow-cytometry results**, one percentage per marker; a marker given twice is
    /// an error, never "the last one wins".
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::IdentityPanel;
    /// use msc_therapy::vocab::SurfaceMarker;
    ///
    /// let panel = IdentityPanel::try_from_markers([(SurfaceMarker::Cd73, 99.1), (SurfaceMarker::Cd45, 0.4)])?;
    /// assert_eq!(panel.markers.len(), 2);
    /// let twice = IdentityPanel::try_from_markers([(SurfaceMarker::Cd73, 99.1), (SurfaceMarker::Cd73, 12.0)]);
    /// assert_eq!(twice.unwrap_err().to_string(), "identity panel lists cd73 more than once");
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::Duplicate`] for a marker given twice; the percentage's error for a value
    /// outside 0 to 100.
    pub fn try_from_markers<P, I>(markers: I) -> Result<Self, ValueError>
    where
        I: IntoIterator<Item = (SurfaceMarker, P)>,
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        let mut panel = Self::default();
        for (marker, percent) in markers {
            panel.insert_marker(marker, percent.try_into().map_err(Into::into)?)?;
        }
        Ok(panel)
    }

    /// Adds the result for `marker`.
    ///
    /// # Errors
    ///
    /// [`ValueError::Duplicate`] when the panel already holds a result for `marker` (the panel
    /// is left unchanged).
    pub fn insert_marker(
        &mut self,
        marker: SurfaceMarker,
        percent: Percent,
    ) -> Result<(), ValueError> {
        if self.markers.contains_key(&marker) {
            return Err(ValueError::Duplicate {
                what: "identity panel",
                key: marker.code().to_owned(),
            });
        }
        self.markers.insert(marker, percent);
        Ok(())
    }
}

impl TryFrom<Vec<(SurfaceMarker, Percent)>> for IdentityPanel {
    type Error = ValueError;

    /// See [`IdentityPanel::try_from_markers`].
    fn try_from(markers: Vec<(SurfaceMarker, Percent)>) -> Result<Self, ValueError> {
        Self::try_from_markers(markers)
    }
}

impl<const N: usize> TryFrom<[(SurfaceMarker, Percent); N]> for IdentityPanel {
    type Error = ValueError;

    /// See [`IdentityPanel::try_from_markers`].
    fn try_from(markers: [(SurfaceMarker, Percent); N]) -> Result<Self, ValueError> {
        Self::try_from_markers(markers)
    }
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/// **Builds a [`Dose`]** from plain numbers; see [`Dose::builder`].
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct DoseBuilder {
    dose: Dose,
    problem: Problem,
}

impl Dose {
    /// **Starts a dose with nothing stated.**
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Dose;
    ///
    /// let dose = Dose::builder().cells_per_kg(2e6).administrations(8).build()?;
    /// assert_eq!(dose.administrations.map(|n| n.get()), Some(8));
    /// let err = Dose::builder().administrations(0).build().unwrap_err();
    /// assert_eq!(err.to_string(), "administrations: administrations must be greater than zero, got 0");
    /// let err = Dose::builder().viable_cells(0_u64).build().unwrap_err();
    /// assert_eq!(err.to_string(), "viable_cells: cell count must be greater than zero, got 0");
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    pub fn builder() -> DoseBuilder {
        DoseBuilder::default()
    }
}

impl DoseBuilder {
    /// Viable cells given in one administration (`f64`, `u64` or a [`CellCount`]).
    pub fn viable_cells<V>(mut self, cells: V) -> Self
    where
        V: TryInto<CellCount>,
        V::Error: Into<ValueError>,
    {
        self.dose.viable_cells = self.problem.check("viable_cells", cells);
        self
    }

    /// Viable cells per kilogram of body weight in one administration.
    pub fn cells_per_kg<V>(mut self, per_kg: V) -> Self
    where
        V: TryInto<CellsPerKg>,
        V::Error: Into<ValueError>,
    {
        self.dose.cells_per_kg = self.problem.check("cells_per_kg", per_kg);
        self
    }

    /// The volume of one administration, in millilitres.
    pub fn volume_ml<V>(mut self, volume: V) -> Self
    where
        V: TryInto<Millilitres>,
        V::Error: Into<ValueError>,
    {
        self.dose.volume_ml = self.problem.check("volume_ml", volume);
        self
    }

    /// How many administrations the course has: at least one.
    ///
    /// Zero is recorded as a problem (`administrations: administrations must be greater than
    /// zero, got 0`) and reported by `build`.
    pub fn administrations(mut self, count: u32) -> Self {
        self.dose.administrations = std::num::NonZeroU32::new(count);
        if self.dose.administrations.is_none() {
            self.problem.record(DocumentError::invalid_value(
                "administrations",
                ValueError::NotPositive {
                    what: "administrations",
                    value: f64::from(count),
                },
            ));
        }
        self
    }

    /// The dose.
    ///
    /// # Errors
    ///
    /// The first value that failed its check, with its field's path.
    pub fn build(self) -> Result<Dose, DocumentError> {
        self.problem.finish(self.dose)
    }
}

impl From<Dose> for DoseBuilder {
    fn from(dose: Dose) -> Self {
        Self {
            dose,
            problem: Problem::default(),
        }
    }
}

/// **Builds a [`Certificate`]** from plain texts; see [`Certificate::builder`].
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct CertificateBuilder {
    lot: Option<Text>,
    issuer: Option<Text>,
    issued_on: Option<IsoDate>,
    expires_on: Option<IsoDate>,
    problem: Problem,
}

impl Certificate {
    /// **Starts the certificate of analysis of `lot`.**
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Certificate;
    ///
    /// let coa = Certificate::builder("24-0117").issuer("Cell lab").issued_on("2024-12-01").build()?;
    /// assert_eq!(coa.lot.as_str(), "24-0117");
    /// let err = Certificate::builder("24-0117").expires_on("2025-02-29").build().unwrap_err();
    /// assert_eq!(err.path(), "expires_on");
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    pub fn builder<V>(lot: V) -> CertificateBuilder
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        let mut problem = Problem::default();
        let lot = problem.check("lot", lot);
        CertificateBuilder {
            lot,
            issuer: None,
            issued_on: None,
            expires_on: None,
            problem,
        }
    }
}

impl CertificateBuilder {
    /// The laboratory or manufacturer that issued it.
    pub fn issuer<V>(mut self, issuer: V) -> Self
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        self.issuer = self.problem.check("issuer", issuer);
        self
    }

    /// The date of issue, `YYYY-MM-DD`.
    pub fn issued_on<V>(mut self, date: V) -> Self
    where
        V: TryInto<IsoDate>,
        V::Error: Into<ValueError>,
    {
        self.issued_on = self.problem.check("issued_on", date);
        self
    }

    /// The expiry date of the lot, `YYYY-MM-DD`.
    pub fn expires_on<V>(mut self, date: V) -> Self
    where
        V: TryInto<IsoDate>,
        V::Error: Into<ValueError>,
    {
        self.expires_on = self.problem.check("expires_on", date);
        self
    }

    /// The certificate.
    ///
    /// # Errors
    ///
    /// The first value that failed its check, with its field's path.
    pub fn build(self) -> Result<Certificate, DocumentError> {
        let Self {
            lot,
            issuer,
            issued_on,
            expires_on,
            problem,
        } = self;
        let certificate = lot.map(|lot| Certificate {
            lot,
            issuer,
            issued_on,
            expires_on,
        });
        match (problem.0, certificate) {
            (Some(error), _) => Err(error),
            (None, Some(certificate)) => Ok(certificate),
            (None, None) => unreachable!("a missing lot is always a recorded problem"),
        }
    }
}

impl From<Certificate> for CertificateBuilder {
    fn from(certificate: Certificate) -> Self {
        Self {
            lot: Some(certificate.lot),
            issuer: certificate.issuer,
            issued_on: certificate.issued_on,
            expires_on: certificate.expires_on,
            problem: Problem::default(),
        }
    }
}

/// **Builds [`ReleaseData`]** from plain numbers; see [`ReleaseData::builder`].
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct ReleaseDataBuilder {
    release: ReleaseData,
    certificate: Option<CertificateBuilder>,
    problem: Problem,
}

impl ReleaseData {
    /// **Starts release data with nothing reported.**
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::ReleaseData;
    /// use msc_therapy::vocab::{ProductState, SurfaceMarker, TestOutcome, ViabilityTiming};
    ///
    /// let release = ReleaseData::builder()
    ///     .state(ProductState::Cryopreserved)
    ///     .viable_nucleated_cells(1.2e8)
    ///     .viability(91.0, ViabilityTiming::PostThaw)
    ///     .marker(SurfaceMarker::Cd73, 99.2)
    ///     .sterility(TestOutcome::Negative)
    ///     .build()?;
    /// assert_eq!(release.applicable_viability().map(|v| v.get()), Some(91.0));
    ///
    /// let err = ReleaseData::builder().viability(140.0, ViabilityTiming::PostThaw).build().unwrap_err();
    /// assert_eq!(err.to_string(), "viability[0].percent: percentage must be between 0 and 100, got 140");
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    pub fn builder() -> ReleaseDataBuilder {
        ReleaseDataBuilder::default()
    }
}

macro_rules! release_number {
    ($(#[$doc:meta])* $field:ident: $ty:ty) => {
        $(#[$doc])*
        pub fn $field<V>(mut self, value: V) -> Self
        where
            V: TryInto<$ty>,
            V::Error: Into<ValueError>,
        {
            self.release.$field = self.problem.check(stringify!($field), value);
            self
        }
    };
}

impl ReleaseDataBuilder {
    /// The certificate of analysis that reports these results.
    pub fn certificate(mut self, certificate: impl Into<CertificateBuilder>) -> Self {
        self.certificate = Some(certificate.into());
        self
    }

    /// Fresh or cryopreserved.
    pub fn state(mut self, state: ProductState) -> Self {
        self.release.state = Some(state);
        self
    }

    release_number! {
        /// Viable nucleated cells per dose (`f64`, `u64` or a [`CellCount`]).
        viable_nucleated_cells: CellCount
    }
    release_number! {
        /// Total nucleated cells per dose, living and dead.
        total_nucleated_cells: CellCount
    }
    release_number! {
        /// Bacterial endotoxins (USP <85>), in EU/mL.
        endotoxin_eu_per_ml: EndotoxinEuPerMl
    }
    release_number! {
        /// The product's own endotoxin specification, in EU/mL.
        endotoxin_limit_eu_per_ml: EndotoxinEuPerMl
    }
    release_number! {
        /// Culture passage at harvest.
        passage: Passage
    }
    release_number! {
        /// Cumulative population doublings at harvest.
        population_doublings: PopulationDoublings
    }
    release_number! {
        /// The product's own limit on passage number.
        passage_limit: Passage
    }
    release_number! {
        /// The product's own limit on population doublings.
        population_doubling_limit: PopulationDoublings
    }
    release_number! {
        /// Colony-forming units (fibroblast) per million cells plated.
        cfu_f_per_million: CfuFrequency
    }

    /// Adds a viability measurement: `percent` alive, measured at `timing`.
    pub fn viability<P>(mut self, percent: P, timing: ViabilityTiming) -> Self
    where
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        let path = format!("viability[{}].percent", self.release.viability.len());
        if let Some(percent) = self.problem.check(&path, percent) {
            self.release.viability.push(Viability {
                percent,
                timing: Some(timing),
                method: None,
            });
        }
        self
    }

    /// Adds a viability measurement: `percent` alive, measured at `timing` by `method`.
    pub fn viability_by<P>(
        mut self,
        percent: P,
        timing: ViabilityTiming,
        method: ViabilityMethod,
    ) -> Self
    where
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        let path = format!("viability[{}].percent", self.release.viability.len());
        if let Some(percent) = self.problem.check(&path, percent) {
            self.release.viability.push(Viability {
                percent,
                timing: Some(timing),
                method: Some(method),
            });
        }
        self
    }

    /// Adds a viability measurement built with [`Viability::new`].
    pub fn viability_measurement(mut self, measurement: Viability) -> Self {
        self.release.viability.push(measurement);
        self
    }

    /// Adds the flow-cytometry result for `marker`: the percentage of cells positive for it.
    /// A marker given twice is an error.
    pub fn marker<P>(mut self, marker: SurfaceMarker, percent: P) -> Self
    where
        P: TryInto<Percent>,
        P::Error: Into<ValueError>,
    {
        let path = format!("identity.markers.{}", marker.code());
        if let Some(percent) = self.problem.check(&path, percent) {
            let identity = self
                .release
                .identity
                .get_or_insert_with(IdentityPanel::default);
            if let Err(err) = identity.insert_marker(marker, percent) {
                let mut error = DocumentError::invalid_value(path, err);
                error.set_kind(crate::DocumentErrorKind::DuplicateField);
                self.problem.record(error);
            }
        }
        self
    }

    /// Whether the cells stick to plastic in standard culture.
    pub fn plastic_adherent(mut self, adherent: bool) -> Self {
        self.release
            .identity
            .get_or_insert_with(IdentityPanel::default)
            .plastic_adherent = Some(adherent);
        self
    }

    /// Whether the cells differentiated into bone, fat and cartilage cells in vitro.
    pub fn trilineage_differentiation(mut self, differentiated: bool) -> Self {
        self.release
            .identity
            .get_or_insert_with(IdentityPanel::default)
            .trilineage_differentiation = Some(differentiated);
        self
    }

    /// The sterility test's outcome.
    pub fn sterility(mut self, outcome: TestOutcome) -> Self {
        self.release.sterility = Some(outcome);
        self
    }

    /// The mycoplasma test's outcome.
    pub fn mycoplasma(mut self, outcome: TestOutcome) -> Self {
        self.release.mycoplasma = Some(outcome);
        self
    }

    /// States that a release test was not performed, and why ([`ReleaseData::not_performed`]).
    pub fn not_performed(
        mut self,
        test: crate::ReleaseTest,
        reason: crate::NotPerformedReason,
    ) -> Self {
        self.release.not_performed.insert(test, reason);
        self
    }

    /// A potency assay and whether its result met the specification.
    pub fn potency<V>(mut self, assay: V, meets_specification: bool) -> Self
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        if let Some(assay) = self.problem.check("potency.assay", assay) {
            self.release.potency = Some(PotencyResult {
                assay,
                meets_specification,
            });
        }
        self
    }

    /// The release data.
    ///
    /// # Errors
    ///
    /// The first value that failed its check, with its field's path.
    pub fn build(self) -> Result<ReleaseData, DocumentError> {
        let Self {
            mut release,
            certificate,
            mut problem,
        } = self;
        if let Some(certificate) = certificate {
            match certificate.build() {
                Ok(certificate) => release.certificate = Some(certificate),
                Err(error) => problem.record(error.within("certificate")),
            }
        }
        problem.finish(release)
    }
}

impl From<ReleaseData> for ReleaseDataBuilder {
    fn from(release: ReleaseData) -> Self {
        Self {
            release,
            certificate: None,
            problem: Problem::default(),
        }
    }
}

/// **Builds a [`Product`]**; see [`Product::builder`].
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ProductBuilder {
    product: Option<Product>,
    dose: Option<DoseBuilder>,
    release: Option<ReleaseDataBuilder>,
    problem: Problem,
}

impl Product {
    /// **Starts a product record called `name`**, with nothing else known.
    ///
    /// Setters take plain values (`f64`, `&str`) or the validated types; `build()` checks them
    /// all and reports the first problem with the path the field has in a JSON document.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Product;
    /// use msc_therapy::document::{Delivery, Dose, Processing, ReleaseData};
    /// use msc_therapy::vocab::{Donor, ProcessingStep, Route, TissueSource, ViabilityTiming};
    ///
    /// let lot = Product::builder("Cultured BM-MSC lot 24-0117")
    ///     .tissue(TissueSource::BoneMarrow)
    ///     .donor(Donor::AllogeneicUnrelated)
    ///     .processing(Processing::of_steps([ProcessingStep::CultureExpansion]))
    ///     .delivery(Delivery::new(Route::Intravenous))
    ///     .dose(Dose::builder().cells_per_kg(2e6))
    ///     .release(ReleaseData::builder().viability(92.5, ViabilityTiming::PostThaw))
    ///     .build()?;
    /// assert_eq!(lot.tissue, Some(TissueSource::BoneMarrow));
    ///
    /// let err = Product::builder("Lot 7")
    ///     .release(ReleaseData::builder().viability(140.0, ViabilityTiming::PostThaw))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.path(), "release.viability[0].percent");
    /// assert_eq!(err.kind(), msc_therapy::DocumentErrorKind::InvalidValue);
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    pub fn builder<V>(name: V) -> ProductBuilder
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        let mut problem = Problem::default();
        let product = problem.check("name", name).map(Product::named);
        ProductBuilder {
            product,
            dose: None,
            release: None,
            problem,
        }
    }
}

macro_rules! product_field {
    ($(#[$doc:meta])* $field:ident: $ty:ty) => {
        $(#[$doc])*
        pub fn $field(mut self, value: $ty) -> Self {
            if let Some(product) = self.product.as_mut() {
                product.$field = Some(value);
            }
            self
        }
    };
}

impl ProductBuilder {
    /// A free-text description.
    pub fn description<V>(mut self, description: V) -> Self
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        let description = self.problem.check("description", description);
        if let Some(product) = self.product.as_mut() {
            product.description = description;
        }
        self
    }

    product_field! {
        /// What kind of preparation it is.
        preparation: CellPreparation
    }
    product_field! {
        /// What the label calls the cells.
        designation: MscDesignation
    }
    product_field! {
        /// The tissue the cells come from.
        tissue: TissueSource
    }
    product_field! {
        /// Who the cells come from, relative to the patient.
        donor: Donor
    }
    product_field! {
        /// How the product reaches the patient.
        supply: SupplyModel
    }
    product_field! {
        /// What was done to the cells ([`Processing::of_steps`]).
        processing: Processing
    }
    product_field! {
        /// What the product is meant to do ([`IntendedUse::new`]).
        intended_use: IntendedUse
    }
    product_field! {
        /// How it is given ([`Delivery::new`]).
        delivery: Delivery
    }
    product_field! {
        /// How the lot was made and released ([`Manufacturing`]).
        manufacturing: Manufacturing
    }

    /// The mechanisms of action the maker claims (`[]`: none).
    pub fn mechanisms(mut self, mechanisms: impl IntoIterator<Item = Mechanism>) -> Self {
        if let Some(product) = self.product.as_mut() {
            product.mechanisms = Some(mechanisms.into_iter().collect());
        }
        self
    }

    /// Further source tissues besides the tissue (`[]`: none); see
    /// [`Product::other_tissues`](crate::Product::other_tissues).
    pub fn other_tissues(mut self, tissues: impl IntoIterator<Item = TissueSource>) -> Self {
        if let Some(product) = self.product.as_mut() {
            product.other_tissues = Some(tissues.into_iter().collect());
        }
        self
    }

    /// What authorities determined about the product (`[]`: none); see
    /// [`Determination::new`](crate::Determination::new).
    pub fn determinations(
        mut self,
        determinations: impl IntoIterator<Item = crate::Determination>,
    ) -> Self {
        if let Some(product) = self.product.as_mut() {
            product.determinations = Some(determinations.into_iter().collect());
        }
        self
    }

    /// The secreted factors the maker names (`[]`: none).
    pub fn secreted_factors(mut self, factors: impl IntoIterator<Item = SecretedFactor>) -> Self {
        if let Some(product) = self.product.as_mut() {
            product.secreted_factors = Some(factors.into_iter().collect());
        }
        self
    }

    /// The dose per administration ([`Dose::builder`], or a [`Dose`]).
    pub fn dose(mut self, dose: impl Into<DoseBuilder>) -> Self {
        self.dose = Some(dose.into());
        self
    }

    /// The recipient's body weight in kilograms.
    pub fn recipient_weight_kg<V>(mut self, weight: V) -> Self
    where
        V: TryInto<BodyWeightKg>,
        V::Error: Into<ValueError>,
    {
        let weight_kg = self.problem.check("recipient.weight_kg", weight);
        if let Some(product) = self.product.as_mut() {
            product.recipient = Some(Recipient { weight_kg });
        }
        self
    }

    /// Release-testing results ([`ReleaseData::builder`], or [`ReleaseData`]).
    pub fn release(mut self, release: impl Into<ReleaseDataBuilder>) -> Self {
        self.release = Some(release.into());
        self
    }

    /// The product.
    ///
    /// # Errors
    ///
    /// The first value that failed its check, with its path in a product document
    /// (`release.viability[0].percent`).
    pub fn build(self) -> Result<Product, DocumentError> {
        let Self {
            product,
            dose,
            release,
            mut problem,
        } = self;
        let dose = dose.map(|d| {
            let DoseBuilder { dose, problem: p } = d;
            problem.nested("dose", p);
            dose
        });
        let release = release.and_then(|r| match r.build() {
            Ok(release) => Some(release),
            Err(error) => {
                problem.record(error.within("release"));
                None
            }
        });
        match (problem.0, product) {
            (Some(error), _) => Err(error),
            (None, Some(mut product)) => {
                product.dose = dose.or(product.dose);
                product.release = release.or(product.release);
                Ok(product)
            }
            (None, None) => unreachable!("a missing name is always a recorded problem"),
        }
    }
}

impl From<Product> for ProductBuilder {
    fn from(product: Product) -> Self {
        Self {
            product: Some(product),
            dose: None,
            release: None,
            problem: Problem::default(),
        }
    }
}

/// **Builds a [`ClinicOffer`]**; see [`ClinicOffer::builder`].
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ClinicOfferBuilder {
    product: ProductBuilder,
    offer: ClinicOfferParts,
    problem: Problem,
}

/// Everything of an offer but its product, while it is being built.
#[derive(Debug, Clone, PartialEq)]
struct ClinicOfferParts {
    indication: Indication,
    clinic: Option<Text>,
    live_nucleated_cells: Option<CellCount>,
    source_disclosed: Option<bool>,
    certificate_of_analysis_shown: Option<bool>,
    trial_registration: Option<NctId>,
    claims: Option<Vec<Claim>>,
    evidence: Vec<TrialEvidence>,
    price: Option<Price>,
    patient: PatientContext,
}

impl ClinicOffer {
    /// **Starts an offer of `product` for `indication`**, with nothing disclosed, claimed or
    /// cited.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{ClinicOffer, Product};
    /// use msc_therapy::document::PatientContext;
    /// use msc_therapy::vocab::{Donor, Indication, TissueSource};
    ///
    /// let offer = ClinicOffer::builder(
    ///     Product::builder("Umbilical 'stem cell' shot").tissue(TissueSource::WhartonsJelly),
    ///     Indication::KneeOsteoarthritis,
    /// )
    /// .clinic("Example Clinic")
    /// .live_nucleated_cells(2.5e7)
    /// .certificate_of_analysis_shown(false)
    /// .patient(PatientContext { physician_supervised: Some(true), ..PatientContext::default() })
    /// .build()?;
    /// assert_eq!(offer.disclosures.certificate_of_analysis_shown, Some(false));
    ///
    /// let err = ClinicOffer::builder(Product::builder("X"), Indication::KneeOsteoarthritis)
    ///     .trial_registration("NCT123")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.path(), "disclosures.trial_registration");
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    pub fn builder(
        product: impl Into<ProductBuilder>,
        indication: Indication,
    ) -> ClinicOfferBuilder {
        ClinicOfferBuilder {
            product: product.into(),
            offer: ClinicOfferParts {
                indication,
                clinic: None,
                live_nucleated_cells: None,
                source_disclosed: None,
                certificate_of_analysis_shown: None,
                trial_registration: None,
                claims: None,
                evidence: Vec::new(),
                price: None,
                patient: PatientContext::default(),
            },
            problem: Problem::default(),
        }
    }
}

impl ClinicOfferBuilder {
    /// The clinic's name.
    pub fn clinic<V>(mut self, name: V) -> Self
    where
        V: TryInto<Text>,
        V::Error: Into<ValueError>,
    {
        self.offer.clinic = self.problem.check("clinic", name);
        self
    }

    /// The number of live, nucleated cells per injection the clinic stated.
    pub fn live_nucleated_cells<V>(mut self, cells: V) -> Self
    where
        V: TryInto<CellCount>,
        V::Error: Into<ValueError>,
    {
        self.offer.live_nucleated_cells = self
            .problem
            .check("disclosures.live_nucleated_cells", cells);
        self
    }

    /// Whether the clinic said which tissue the cells come from and whose they are.
    pub fn source_disclosed(mut self, disclosed: bool) -> Self {
        self.offer.source_disclosed = Some(disclosed);
        self
    }

    /// Whether the clinic showed the lot's certificate of analysis.
    pub fn certificate_of_analysis_shown(mut self, shown: bool) -> Self {
        self.offer.certificate_of_analysis_shown = Some(shown);
        self
    }

    /// The registered trial under which the treatment is given (`NCT` and 8 digits).
    pub fn trial_registration<V>(mut self, nct_id: V) -> Self
    where
        V: TryInto<NctId>,
        V::Error: Into<ValueError>,
    {
        self.offer.trial_registration =
            self.problem.check("disclosures.trial_registration", nct_id);
        self
    }

    /// Adds a claim the clinic makes. Without `claim` or [`Self::no_claims`], the claims are
    /// not stated, which the offer rules treat as an open question.
    pub fn claim(mut self, claim: Claim) -> Self {
        self.offer.claims.get_or_insert_with(Vec::new).push(claim);
        self
    }

    /// States that the clinic makes no claims at all (`"claims": []`).
    pub fn no_claims(mut self) -> Self {
        self.offer.claims.get_or_insert_with(Vec::new);
        self
    }

    /// Adds a trial cited as evidence.
    pub fn evidence(mut self, trial: TrialEvidence) -> Self {
        self.offer.evidence.push(trial);
        self
    }

    /// The price quoted.
    pub fn price(mut self, price: Price) -> Self {
        self.offer.price = Some(price);
        self
    }

    /// The patient's situation.
    pub fn patient(mut self, patient: PatientContext) -> Self {
        self.offer.patient = patient;
        self
    }

    /// The offer.
    ///
    /// # Errors
    ///
    /// The first value that failed its check, with its path in an offer document
    /// (`product.release.viability[0].percent`, `disclosures.trial_registration`).
    pub fn build(self) -> Result<ClinicOffer, DocumentError> {
        let Self {
            product,
            offer,
            mut problem,
        } = self;
        let product = match product.build() {
            Ok(product) => Some(product),
            Err(error) => {
                problem.record(error.within("product"));
                None
            }
        };
        if let Some(error) = problem.0 {
            return Err(error);
        }
        let product = product.expect("a product that failed is a recorded problem");
        let mut built = ClinicOffer::new(product, offer.indication);
        built.clinic = offer.clinic;
        built.disclosures.live_nucleated_cells = offer.live_nucleated_cells;
        built.disclosures.source_disclosed = offer.source_disclosed;
        built.disclosures.certificate_of_analysis_shown = offer.certificate_of_analysis_shown;
        built.disclosures.trial_registration = offer.trial_registration;
        built.claims = offer.claims;
        built.evidence = offer.evidence;
        built.price = offer.price;
        built.patient = offer.patient;
        Ok(built)
    }
}
