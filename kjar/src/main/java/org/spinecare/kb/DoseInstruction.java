package org.spinecare.kb;

/** An instruction that depends on the patient, added to a recommended technique's standard steps. */
public record DoseInstruction(Advice advice, Instruction instruction) {
}
