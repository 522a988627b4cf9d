/**
 * The default rule set of SpineCDS: DRL files, catalogues and the pre-built rule base (Drools'
 * executable model, generated Java). The engine reads the rule set as resources of this package, so it
 * is open; its helper classes are the facts and functions the DRL uses.
 */
module org.spinecds.rules {
    requires org.spinecds.core;
    // called by the pre-built rule base's generated code
    requires org.drools.core;
    requires org.drools.modelcompiler;
    requires org.drools.util;

    exports org.spinecds.rules;
    opens org.spinecds.rules;
}
