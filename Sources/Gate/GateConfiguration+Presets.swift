extension TolerancePresets {
    /// The tolerances the kit ships with, from measurements on 2-core VMs.
    ///
    /// - Instructions: 2 %. Counts repeat to 0.03 % here, and across VMs of
    ///   one kind with other CPUs (AMD, Intel) to 0.001 %.
    /// - Allocations: none beyond ``GateConfiguration/allocationSlack`` (half
    ///   an allocation per job): the least of the trials repeats exactly.
    /// - Times over calibration: 5 % for one-thread release models, whose
    ///   ratio is steady; 10 % where two cores' scheduling moves it more;
    ///   15 % in debug builds.
    /// - CPU seconds over calibration: 5 % (15 % debug) in every model: a run's
    ///   CPU seconds repeat within 0.5-2.4 % where its wall time moves 9-17 %.
    /// - Efficiency and utilization: 10 % (15 % debug): a lost core shows as -50 %.
    /// - I/O: time over the delay 10 %; CPU per request is a fraction of a
    ///   millisecond and moves with the kernel's networking, so 35 %.
    /// - Mixed: time over its ideal 10 %; one job's computing over the
    ///   calibration, a one-thread ratio, 5 % (15 % debug).
    public static let standard = TolerancePresets(
        singleThread: Tolerances([
            .instructions: 0.02, .allocations: 0, .wallPerCal: 0.05, .cpuPerCal: 0.05, .efficiency: 0.10, .utilization: 0.10,
            .vsIdeal: 0.10, .cpuPerRequestPerCal: 0.35, .computePerCal: 0.05,
        ]),
        parallel: Tolerances([
            .instructions: 0.02, .allocations: 0, .wallPerCal: 0.10, .cpuPerCal: 0.05, .efficiency: 0.10, .utilization: 0.10,
            .vsIdeal: 0.10, .cpuPerRequestPerCal: 0.35, .computePerCal: 0.05,
        ]),
        debug: Tolerances([
            .instructions: 0.02, .allocations: 0, .wallPerCal: 0.15, .cpuPerCal: 0.15, .efficiency: 0.15, .utilization: 0.15,
            .vsIdeal: 0.15, .cpuPerRequestPerCal: 0.50, .computePerCal: 0.15,
        ]))
}

extension GateConfiguration {
    /// The defaults.
    public static let standard = GateConfiguration()
}
