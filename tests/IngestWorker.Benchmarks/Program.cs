using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The machines are shared and slow to build on: give BenchmarkDotNet's own build room.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
