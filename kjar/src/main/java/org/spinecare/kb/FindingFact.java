package org.spinecare.kb;

/** One finding and its state. The facade inserts one for every {@link Finding}, UNKNOWN where none was reported. */
public record FindingFact(Finding finding, FindingState state) {
    public boolean present() {
        return state == FindingState.PRESENT;
    }
}
