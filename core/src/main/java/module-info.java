/**
 * The SpineCDS engine. Only the API packages are exported: {@code org.spinecds.internal} is the
 * engine's own, readable by no other module. It is opened to Jackson alone, which binds the rule-set
 * files (catalogues, manifests, threshold overrides) to the package's private records; Drools reads the
 * fact classes of the exported packages through their public methods.
 */
module org.spinecds.core {
    // types of these modules appear in the API: JsonNode and ObjectNode (org.spinecds.json), the rule
    // context a consequence is given (org.spinecds.rule)
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.kie.api;
    requires transitive org.drools.canonicalmodel;

    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    requires org.kie.internal.api;
    requires org.drools.base;
    requires org.drools.core;
    requires org.drools.drl.ast;
    requires org.drools.drl.parser;
    requires org.drools.modelcompiler;
    // the committed JSON Schemas of the file formats (org.spinecds.json.SchemaCheck)
    requires com.networknt.schema;

    exports org.spinecds;
    exports org.spinecds.json;
    exports org.spinecds.patient;
    exports org.spinecds.rule;

    opens org.spinecds.internal to com.fasterxml.jackson.databind;
}
