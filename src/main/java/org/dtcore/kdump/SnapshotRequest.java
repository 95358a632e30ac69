package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.Optional;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;

/**
 * A snapshot to take ({@link SnapshotPipeline}): which system to copy, and what to do when its kernel has no
 * kexec crash support.
 *
 * @param root    the running system ({@link SystemRoot#live()}) or a mounted root ({@code SystemRoot.of(dir)})
 * @param arch    the architecture, which decides whether the live tree is copied; empty to take it from the
 *                root's proc/sys/kernel/arch (uname -m)
 * @param partial copy what is there even when the kernel has no kexec crash support or a file cannot be read,
 *                recording each file left out and why, instead of refusing
 */
public record SnapshotRequest(SystemRoot root, Optional<Arch> arch, boolean partial) {
    /**
     * Checks the root is given; a null architecture stands for empty.
     *
     * @param root    the running system ({@link SystemRoot#live()}) or a mounted root ({@code SystemRoot.of(dir)})
     * @param arch    the architecture, which decides whether the live tree is copied; empty to take it from the
     *                root's proc/sys/kernel/arch (uname -m)
     * @param partial copy what is there even when the kernel has no kexec crash support or a file cannot be read,
     *                recording each file left out and why, instead of refusing
     * @throws KdumpException BAD_REQUEST when {@code root} is null
     */
    public SnapshotRequest {
        if (root == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the system root to copy is required");
        }
        arch = arch == null ? Optional.empty() : arch;
    }

    /**
     * The running system, refused where its kernel has no kexec crash support.
     *
     * @return a request for {@link SystemRoot#live()}, the architecture from uname -m
     */
    public static SnapshotRequest live() {
        return of(SystemRoot.live());
    }

    /**
     * The system mounted at (or copied under) {@code root}.
     *
     * @param root the system root to copy
     * @return a request refused where the root's kernel has no kexec crash support
     */
    public static SnapshotRequest of(SystemRoot root) {
        return new SnapshotRequest(root, Optional.empty(), false);
    }

    /**
     * The system mounted at {@code folder}.
     *
     * @param folder the root of the mounted system (the folder holding its proc and sys)
     * @return a request refused where the root's kernel has no kexec crash support
     */
    public static SnapshotRequest of(Path folder) {
        return of(SystemRoot.of(folder));
    }

    /**
     * This request, copying what is there and recording what is not rather than refusing.
     *
     * @param allowed true to take a partial snapshot (each file left out listed in the manifest)
     * @return a copy with the choice replaced
     */
    public SnapshotRequest withPartial(boolean allowed) {
        return new SnapshotRequest(root, arch, allowed);
    }

    /**
     * This request for a given architecture instead of the one the root's proc/sys/kernel/arch names.
     *
     * @param a the architecture; null to read it from the root
     * @return a copy with the architecture replaced
     */
    public SnapshotRequest withArch(Arch a) {
        return new SnapshotRequest(root, Optional.ofNullable(a), partial);
    }
}
