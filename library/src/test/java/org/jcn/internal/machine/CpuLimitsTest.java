package org.jcn.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuLimitsTest {

    @TempDir
    Path root;

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void cgroupsV2QuotaOfAContainerIsRead() throws IOException {
        write("sys/devices/system/cpu/online", "0-7\n");
        write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-7\n");
        write("proc/self/cgroup", "0::/\n");
        write("proc/self/mountinfo", "30 24 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n");
        write("sys/fs/cgroup/cpu.max", "200000 100000\n");
        CpuLimits limits = CpuLimits.read(root, 2);
        assertEquals(new CpuLimits(8, 2.0, 8), limits);
        assertEquals("CPU quota", limits.limitedBy(2));
    }

    @Test
    void cgroupsV2TakesTheSmallestQuotaOfTheCgroupAndItsAncestors() throws IOException {
        write("sys/devices/system/cpu/online", "0-15");
        write("proc/self/cgroup", "0::/user.slice/jupyter.scope\n");
        write("sys/fs/cgroup/cpu.max", "max 100000");
        write("sys/fs/cgroup/user.slice/cpu.max", "150000 100000");
        write("sys/fs/cgroup/user.slice/jupyter.scope/cpu.max", "max 100000");
        CpuLimits limits = CpuLimits.read(root, 2);
        assertEquals(1.5, limits.quota(), 1e-9);
        assertEquals("CPU quota", limits.limitedBy(2));
    }

    @Test
    void cgroupsV1QuotaIsReadFromTheCpuController() throws IOException {
        write("sys/devices/system/cpu/online", "0-3");
        write("proc/self/cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n0::/\n");
        write("proc/self/mountinfo",
                "40 30 0:35 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n");
        // Inside a container the process's own cgroup is the mount's root, not /docker/abc.
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "100000");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000");
        assertEquals(new CpuLimits(4, 1.0, 0), CpuLimits.read(root, 1));
    }

    @Test
    void unlimitedV1QuotaIsNone() throws IOException {
        write("sys/devices/system/cpu/online", "0-1");
        write("proc/self/cgroup", "1:cpu:/\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000");
        CpuLimits limits = CpuLimits.read(root, 2);
        assertTrue(Double.isNaN(limits.quota()));
        assertEquals("", limits.limitedBy(2));
    }

    @Test
    void aCpuSetOrAJvmSettingIsNamedWhenNoQuotaExplainsTheCount() throws IOException {
        write("sys/devices/system/cpu/online", "0-7");
        write("proc/self/status", "Cpus_allowed_list:\t0,2-3\n");
        CpuLimits limits = CpuLimits.read(root, 3);
        assertEquals("CPU set", limits.limitedBy(3));
        assertEquals("JVM setting", limits.limitedBy(2));
        assertEquals("", limits.limitedBy(8));
        assertEquals("JVM setting", limits.limitedBy(16), "-XX:ActiveProcessorCount may claim more than there are");
    }

    @Test
    void withoutProcOrSysTheJdksCountIsTheHosts() {
        assertEquals(new CpuLimits(6, Double.NaN, 0), CpuLimits.read(root.resolve("nothing"), 6));
    }

    @Test
    void cpuListsAreCounted() {
        assertEquals(4, CpuLimits.cpuCount("0-3"));
        assertEquals(5, CpuLimits.cpuCount("0,2-4,9\n"));
        assertEquals(0, CpuLimits.cpuCount(""));
        assertEquals(0, CpuLimits.cpuCount("x"));
    }
}
