/**
 * The SpineCDS engine. Only the API packages are exported: {@code org.spinecds.internal} is the
 * engine's own, readable by no other module. Nothing is opened: Drools reads the fact classes of the
 * exported packages through their public methods, and Jackson reads and writes trees only.
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

    exports org.spinecds;
    exports org.spinecds.json;
    exports org.spinecds.patient;
    exports org.spinecds.rule;
    // the scenario runner, until it moves to a test kit of its own
    exports org.spinecds.scenario;
}
