package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.ServiceLoader;

import org.jcn.internal.Kernels;
import org.junit.jupiter.api.Test;

class RunningKernelTest {

    @Test
    void theLibraryFindsTheKernelsProviderThroughTheServiceFile() {
        List<Class<?>> providers = ServiceLoader.load(Kernels.Provider.class, Kernels.class.getClassLoader())
                .stream().<Class<?>>map(ServiceLoader.Provider::type).toList();

        assertEquals(List.of(RunningKernel.class), providers);
    }

    @Test
    void aJvmWithoutAKernelHasNone() {
        assertNull(new RunningKernel().running());
        assertNull(Kernels.projectKernel());
        assertNull(Kernels.displayHtml("<b>shown nowhere</b>"));
    }
}
