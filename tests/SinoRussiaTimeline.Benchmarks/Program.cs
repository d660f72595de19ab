using BenchmarkDotNet.Running;
using SinoRussiaTimeline.Benchmarks;

// dotnet run -c Release --project tests/SinoRussiaTimeline.Benchmarks -- --job short --filter '*'
// The GitHub-markdown reports land in BenchmarkDotNet.Artifacts/results; docs/benchmarks/ keeps the committed ones.
BenchmarkSwitcher.FromAssembly(typeof(EdtfBenchmarks).Assembly).Run(args);
