package org.dtcore.layout;

import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * Rules for what varies between boards of one family, where exact lists would be too strict. A null
 * field (or false flag) is not checked: null is the expectation file's absent field ({@link Expectation}),
 * so this record is a pattern, not a result.
 *
 * @param totalRamAtLeast     total RAM is at least this many bytes
 * @param totalRamAtMost      total RAM is at most this many bytes
 * @param noRamBelow          every RAM address is at or above this one
 * @param noRamFrom           every RAM address is below this one
 * @param crashkernelFits     a crash kernel of the given size fits below the given address
 * @param reservedWithinRam   no reserved region crosses a RAM edge (partly in RAM, partly out)
 * @param reservedDisjoint    no two reserved regions overlap
 */
public record LayoutRules(Long totalRamAtLeast, Long totalRamAtMost, Long noRamBelow, Long noRamFrom,
                          CrashKernelFit crashkernelFits, boolean reservedWithinRam, boolean reservedDisjoint) {
    /** No rule at all: what an expectation without {@code rules} has. */
    public static final LayoutRules NONE = new LayoutRules(null, null, null, null, null, false, false);

    /**
     * Whether these rules check nothing.
     *
     * @return true when every field is null or false
     */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The rules given, as the expectation file spells them: "totalRamAtLeast 2 GiB, reservedDisjoint". */
    @Override
    public String toString() {
        java.util.List<String> given = new java.util.ArrayList<>();
        if (totalRamAtLeast != null) {
            given.add("totalRamAtLeast " + ByteSize.human(totalRamAtLeast));
        }
        if (totalRamAtMost != null) {
            given.add("totalRamAtMost " + ByteSize.human(totalRamAtMost));
        }
        if (noRamBelow != null) {
            given.add("noRamBelow " + Numbers.hex(noRamBelow));
        }
        if (noRamFrom != null) {
            given.add("noRamFrom " + Numbers.hex(noRamFrom));
        }
        if (crashkernelFits != null) {
            given.add("crashkernelFits " + ByteSize.human(crashkernelFits.size()) + " below "
                    + Numbers.hex(crashkernelFits.below()) + " aligned to " + ByteSize.human(crashkernelFits.alignment()));
        }
        if (reservedWithinRam) {
            given.add("reservedWithinRam");
        }
        if (reservedDisjoint) {
            given.add("reservedDisjoint");
        }
        return given.isEmpty() ? "no rules" : String.join(", ", given);
    }
}
