import Workloads
extension DelayServer { func waitUntilStopped() {} }
