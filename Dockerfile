# JupyterLab with the Java kernel, the support library and the notebooks: for `docker run` and for Binder,
# which builds this file. Kept thin on purpose: the kernel is installed by kernel/install, the same script that
# ./test exercises, so what the tests prove is what this image does.
FROM quay.io/jupyter/base-notebook:2025-03-14

# Fonts for the charts (a headless JDK draws text with them) come from the system, as root.
USER root
RUN apt-get update --yes && \
    apt-get install --yes --no-install-recommends fontconfig fonts-dejavu-core && \
    apt-get clean && rm -rf /var/lib/apt/lists/*
USER ${NB_UID}

# A JDK 25 (the current LTS) and Maven from conda-forge: environment.yml is the one list of what the project needs.
COPY --chown=${NB_UID}:${NB_GID} environment.yml /tmp/environment.yml
RUN mamba env update --name base --file /tmp/environment.yml && \
    mamba clean --all -f -y && \
    rm /tmp/environment.yml && \
    fix-permissions "${CONDA_DIR}" && \
    fix-permissions "/home/${NB_USER}"
ENV JAVA_HOME=${CONDA_DIR}/lib/jvm

# The repository, in the notebook user's home and owned by that user (Binder's rule).
COPY --chown=${NB_UID}:${NB_GID} . /home/${NB_USER}/

# Build the library, resolve every Maven dependency now (nothing is downloaded when a session starts) and install
# the kernel into the environment prefix, where a mounted home folder cannot hide it. Then drop the build caches.
WORKDIR /home/${NB_USER}
RUN kernel/install --prefix "${CONDA_DIR}" && \
    rm -rf "/home/${NB_USER}/.m2" "/home/${NB_USER}/library/target" "/home/${NB_USER}/kernel/target" && \
    fix-permissions "${CONDA_DIR}/share/jupyter" && \
    fix-permissions "/home/${NB_USER}"

# JupyterLab opens on the notebooks. Token authentication stays on (the default): pass a fixed token at run
# time for a workshop (docker run -e JUPYTER_TOKEN=...), never bake one in.
WORKDIR /home/${NB_USER}/notebooks
USER ${NB_UID}
