//! Export of a [`Product`] as an HL7 FHIR R5 `BiologicallyDerivedProduct` resource.
//!
//! FHIR (Fast Healthcare Interoperability Resources) is HL7's standard for exchanging health
//! records. Its R5 `BiologicallyDerivedProduct` resource is "a material substance originating
//! from a biological entity intended to be transplanted or infused into another (possibly the
//! same) biological entity" (HL7 FHIR R5, BiologicallyDerivedProduct, Trial Use, maturity 2):
//! the resource blood and tissue establishments use for cell products.
//!
//! See [`Product::to_fhir`] for how each fact of the product is written.

use crate::{
    CellPreparation, CodeRelation, Coded, Coding, Donor, Product, ProductState, TermCoding,
    TestOutcome, ViabilityTiming,
};
use serde_json::{Map, Value, json};

const UCUM: &str = "http://unitsofmeasure.org";
const PRODUCT_CATEGORY: &str = "http://hl7.org/fhir/product-category";

impl Product {
    /// **The product as an HL7 FHIR R5 `BiologicallyDerivedProduct` resource** (JSON), for the
    /// systems of blood and tissue establishments and health records.
    ///
    /// # How the product's facts are written
    ///
    /// | Product fact | R5 element |
    /// |---|---|
    /// | the preparation | `productCategory`: `cells` (system `http://hl7.org/fhir/product-category`) for cell preparations, `tissue` for sheets, perinatal allografts and decellularized matrices, `fluid` for platelet-rich plasma and secreted fluids, `biologicalAgent` for cell-free exosome or secretome products; absent when the preparation is not stated |
    /// | what the cells are | `productCode`: the Cell Ontology term for MSCs of the source tissue (generic CL:0000134 when the tissue has none) for culture-expanded MSCs, and as text the ICCBBA–ISCT class-name abbreviation (`MSC(M)`, `MSC(AT)`, `MSC(CB)`, `MSC(WJ)`) and the preparation. The ISBT 128 product description codes for MSCs are in ICCBBA's licensed database and are not used |
    /// | the lot on the certificate of analysis | `identifier` (type text "lot number") |
    /// | the lot's expiry | `expirationDate` |
    /// | the donor relationship | `collection.source`, a reference by description (the crate holds no patient or donor records) |
    /// | source tissue, donor relationship, processing steps (or "none" when the record states that nothing was done) and added articles, state (fresh or cryopreserved), intended indications (listed terms and conditions outside the list, with their code), site of use, route, viability, viable and total nucleated cells, identity markers, plastic adherence, tri-lineage differentiation, sterility, mycoplasma, endotoxin, passage, population doublings, CFU-F, potency | one `property` entry each |
    ///
    /// A `property` has a `type` (CodeableConcept, example binding: any concept may be used) and a
    /// value. Each type is written as text naming the fact; identity markers carry the HGNC code of
    /// the marker's gene, and coded values carry the crate's codes ([`Coded::codings`]) where they
    /// are equivalent to the term. The project's reference gives no LOINC or SNOMED CT code for
    /// viability, cell counts, sterility, mycoplasma or endotoxin, so those types are text only.
    /// Numbers carry UCUM units (`%`, `{cells}`); endotoxin is written in EU/mL without a UCUM code.
    ///
    /// A coding is put in a `CodeableConcept` only when it means the same as the term
    /// ([`CodeRelation::Equivalent`]): a narrower code (acute GvHD for graft-versus-host disease)
    /// would state more than the record does, a broader one less.
    ///
    /// **No extension is used**: R5 has no element for the source tissue, the processing steps or
    /// the release tests, but `property` is the element R5 provides for such characteristics, so
    /// every fact fits a core element. Facts the record leaves out are left out of the resource.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Product;
    ///
    /// let product = Product::from_json(r#"{
    ///     "name": "Cultured bone-marrow MSCs",
    ///     "preparation": "culture_expanded_msc",
    ///     "tissue": "bone_marrow",
    ///     "donor": "allogeneic_unrelated",
    ///     "release": {"certificate": {"lot": "L-1", "expires_on": "2027-03-13"}}
    /// }"#)?;
    /// let resource = product.to_fhir();
    /// assert_eq!(resource["resourceType"], "BiologicallyDerivedProduct");
    /// assert_eq!(resource["productCategory"]["code"], "cells");
    /// assert_eq!(resource["productCode"]["coding"][0]["code"], "CL:0002540");
    /// assert_eq!(resource["expirationDate"], "2027-03-13");
    /// # Ok::<(), msc_therapy::DocumentError>(())
    /// ```
    #[must_use]
    pub fn to_fhir(&self) -> Value {
        let mut resource = Map::new();
        resource.insert("resourceType".into(), json!("BiologicallyDerivedProduct"));
        if let Some(category) = self.preparation.map(category) {
            resource.insert(
                "productCategory".into(),
                json!({"system": PRODUCT_CATEGORY, "code": category.0, "display": category.1}),
            );
        }
        if let Some(code) = self.product_code() {
            resource.insert("productCode".into(), code);
        }
        let certificate = self.release.as_ref().and_then(|r| r.certificate.as_ref());
        if let Some(certificate) = certificate {
            resource.insert(
                "identifier".into(),
                json!([{"type": {"text": "lot number"}, "value": certificate.lot.as_str()}]),
            );
            if let Some(expires) = &certificate.expires_on {
                resource.insert("expirationDate".into(), json!(expires.to_string()));
            }
        }
        if let Some(donor) = self.donor {
            resource.insert(
                "collection".into(),
                json!({"source": {"display": donor_description(donor)}}),
            );
        }
        let properties = self.properties();
        if !properties.is_empty() {
            resource.insert("property".into(), Value::Array(properties));
        }
        Value::Object(resource)
    }

    fn product_code(&self) -> Option<Value> {
        let preparation = self.preparation?;
        let mut text = preparation.label().to_owned();
        if let Some(tissue) = self.tissue {
            text = format!("{text} from {}", tissue.label());
        }
        let mut concept = Map::new();
        if preparation == CellPreparation::CultureExpandedMsc {
            let cell_type = self
                .tissue
                .and_then(|t| t.msc_cell_type())
                .unwrap_or(&crate::MSC_CELL_TYPE);
            concept.insert("coding".into(), json!([coding(&cell_type.coding)]));
            if let Some(abbreviation) = self.tissue.and_then(|t| t.info().isbt_abbreviation) {
                text = format!("{abbreviation}: {text}");
            }
        }
        concept.insert("text".into(), json!(text));
        Some(Value::Object(concept))
    }

    fn properties(&self) -> Vec<Value> {
        let mut out = Vec::new();
        if let Some(tissue) = self.tissue {
            out.push(concept_property(
                "source tissue",
                tissue.codings(),
                tissue.label(),
            ));
        }
        if let Some(donor) = self.donor {
            out.push(property(
                "donor relationship",
                json!({"valueString": donor.code()}),
            ));
        }
        if let Some(processing) = &self.processing {
            match processing.steps_known() {
                None => {}
                Some([]) => out.push(property(
                    "processing step",
                    json!({"valueCodeableConcept": {"text": "none (the record states that nothing was done)"}}),
                )),
                Some(steps) => {
                    for step in steps {
                        out.push(concept_property("processing step", step.codings(), step.label()));
                    }
                }
            }
            for article in processing.added_articles_known().unwrap_or_default() {
                out.push(concept_property(
                    "added article",
                    article.codings(),
                    article.label(),
                ));
            }
        }
        if let Some(use_) = &self.intended_use {
            for indication in use_.indications_known().unwrap_or_default() {
                out.push(concept_property(
                    "intended indication",
                    indication.codings(),
                    indication.label(),
                ));
            }
            for condition in &use_.other_indications {
                out.push(property(
                    "intended indication",
                    json!({"valueCodeableConcept": {
                        "coding": [coding(&condition.coding)],
                        "text": condition.text.as_str(),
                    }}),
                ));
            }
            if let Some(site) = use_.site_of_use {
                out.push(concept_property(
                    "site of use",
                    site.codings(),
                    site.label(),
                ));
            }
        }
        if let Some(delivery) = &self.delivery {
            out.push(concept_property(
                "route of administration",
                delivery.route.codings(),
                delivery.route.label(),
            ));
        }
        let Some(release) = &self.release else {
            return out;
        };
        if let Some(state) = release.state {
            let text = match state {
                ProductState::Fresh => "fresh",
                ProductState::Cryopreserved => "cryopreserved",
            };
            out.push(property(
                "product state",
                json!({"valueCodeableConcept": {"text": text}}),
            ));
        }
        for v in &release.viability {
            let timing = match v.timing {
                Some(ViabilityTiming::BeforeFreezing) => "before freezing or fresh",
                Some(ViabilityTiming::PostThaw) => "post-thaw",
                None => "timing not stated",
            };
            let method = v
                .method
                .map_or(String::new(), |m| format!(", {}", m.label()));
            out.push(property(
                &format!("viability ({timing}{method})"),
                percent(v.percent.get()),
            ));
        }
        if let Some(n) = release.viable_nucleated_cells {
            out.push(property("viable nucleated cells per dose", cells(n.get())));
        }
        if let Some(n) = release.total_nucleated_cells {
            out.push(property("total nucleated cells per dose", cells(n.get())));
        }
        if let Some(identity) = &release.identity {
            for (marker, share) in &identity.markers {
                let mut kind = Map::new();
                let codes: Vec<Value> = equivalent(marker.codings()).map(coding).collect();
                if !codes.is_empty() {
                    kind.insert("coding".into(), Value::Array(codes));
                }
                kind.insert(
                    "text".into(),
                    json!(format!(
                        "cells positive for {} (flow cytometry)",
                        marker.label()
                    )),
                );
                let mut entry = Map::new();
                entry.insert("type".into(), Value::Object(kind));
                entry.extend(as_map(percent(share.get())));
                out.push(Value::Object(entry));
            }
            if let Some(b) = identity.plastic_adherent {
                out.push(property("plastic adherence", json!({"valueBoolean": b})));
            }
            if let Some(b) = identity.trilineage_differentiation {
                out.push(property(
                    "tri-lineage differentiation (bone, fat, cartilage)",
                    json!({"valueBoolean": b}),
                ));
            }
        }
        if let Some(outcome) = release.sterility {
            out.push(property("sterility", outcome_value(outcome)));
        }
        if let Some(outcome) = release.mycoplasma {
            out.push(property("mycoplasma", outcome_value(outcome)));
        }
        if let Some(e) = release.endotoxin_eu_per_ml {
            out.push(property(
                "bacterial endotoxins",
                json!({"valueQuantity": {"value": e.get(), "unit": "EU/mL"}}),
            ));
        }
        if let Some(p) = release.passage {
            out.push(property(
                "culture passage at harvest",
                json!({"valueInteger": p.get()}),
            ));
        }
        if let Some(d) = release.population_doublings {
            out.push(property(
                "cumulative population doublings at harvest",
                json!({"valueQuantity": {"value": d.get()}}),
            ));
        }
        if let Some(c) = release.cfu_f_per_million {
            out.push(property(
                "colony-forming units (fibroblast) per million cells plated",
                json!({"valueQuantity": {"value": c.get(), "unit": "CFU-F per 10^6 cells"}}),
            ));
        }
        if let Some(potency) = &release.potency {
            out.push(property(
                &format!("potency: {} meets specification", potency.assay),
                json!({"valueBoolean": potency.meets_specification}),
            ));
        }
        out
    }
}

/// The R5 product category of a preparation.
const fn category(preparation: CellPreparation) -> (&'static str, &'static str) {
    match preparation {
        CellPreparation::TissueSheet
        | CellPreparation::PerinatalAllograft
        | CellPreparation::DecellularizedMatrix => ("tissue", "Tissue"),
        CellPreparation::PlateletRichPlasma | CellPreparation::SecretedFluid => ("fluid", "Fluid"),
        // Cell-free (a biological agent) or cells: the table's `cell_free` column decides.
        CellPreparation::ExtracellularVesicles
        | CellPreparation::ConditionedMedium
        | CellPreparation::CultureExpandedMsc
        | CellPreparation::BoneMarrowConcentrate
        | CellPreparation::BoneMarrowAspirate
        | CellPreparation::StromalVascularFraction
        | CellPreparation::MicrofragmentedAdipose
        | CellPreparation::FatGraft
        | CellPreparation::CordBloodUnit
        | CellPreparation::CulturedCells => {
            if preparation.info().cell_free {
                ("biologicalAgent", "BiologicalAgent")
            } else {
                ("cells", "Cells")
            }
        }
    }
}

fn donor_description(donor: Donor) -> String {
    match donor {
        Donor::Autologous => "the recipient (autologous)".to_owned(),
        other => format!("donor: {}", other.label()),
    }
}

fn coding(c: &Coding) -> Value {
    let mut out = Map::new();
    out.insert("system".into(), json!(c.system.uri()));
    out.insert("code".into(), json!(c.code.as_ref()));
    if let Some(display) = &c.display {
        out.insert("display".into(), json!(display.as_ref()));
    }
    Value::Object(out)
}

/// The codings that mean what the term means.
fn equivalent(rows: &'static [TermCoding]) -> impl Iterator<Item = &'static Coding> {
    rows.iter()
        .filter(|r| r.relation == CodeRelation::Equivalent)
        .map(|r| &r.coding)
}

fn property(kind: &str, value: Value) -> Value {
    let mut entry = Map::new();
    entry.insert("type".into(), json!({"text": kind}));
    entry.extend(as_map(value));
    Value::Object(entry)
}

fn concept_property(kind: &str, rows: &'static [TermCoding], label: &str) -> Value {
    let mut concept = Map::new();
    let codes: Vec<Value> = equivalent(rows).map(coding).collect();
    if !codes.is_empty() {
        concept.insert("coding".into(), Value::Array(codes));
    }
    concept.insert("text".into(), json!(label));
    property(kind, json!({"valueCodeableConcept": concept}))
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn percent(value: f64) -> Value {
    json!({"valueQuantity": {"value": value, "unit": "%", "system": UCUM, "code": "%"}})
}

fn cells(count: u64) -> Value {
    json!({"valueQuantity": {"value": count, "unit": "cells", "system": UCUM, "code": "{cells}"}})
}

fn outcome_value(outcome: TestOutcome) -> Value {
    json!({"valueCodeableConcept": {"text": outcome.label()}})
}
