using System.Diagnostics;
using System.Text;
using CsCheck;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

/// <summary>
/// The checked-in sample export, the worked example and the Python verifier of docs/audit-canonical-form.md, kept true
/// to the code. To rewrite the sample after a deliberate change of the format, run these tests once with
/// AUDIT_WRITE_SAMPLE=1 (and update <see cref="SampleHead"/> and the document).
/// </summary>
public sealed class SampleExportTests
{
    public const string SampleHead = "8644a5643fec93249dd77fd36ed4db63165529952d470a1bafb6f949d4a9ba23";

    private static readonly string Root = FindRepositoryRoot();

    private static readonly string SamplePath = Path.Combine(Root, "tests", "SinoRussiaTimeline.Tests", "Audit", "sample-export.ndjson");

    private static readonly string DocumentPath = Path.Combine(Root, "docs", "audit-canonical-form.md");

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void The_checked_in_sample_export_is_what_the_code_exports()
    {
        var expected = string.Concat(AuditSamples.Export(AuditSamples.SampleRecords()).Select(line => line + "\n"));
        if (Environment.GetEnvironmentVariable("AUDIT_WRITE_SAMPLE") == "1")
        {
            File.WriteAllText(SamplePath, expected, Utf8);
        }

        var bytes = File.ReadAllBytes(SamplePath);
        bytes[0].ShouldBe((byte)'{', "no byte order mark");
        Utf8.GetString(bytes).ShouldBe(expected);
    }

    [Fact]
    public async Task The_sample_export_verifies_from_genesis_to_its_pinned_head()
    {
        using var reader = new StreamReader(SamplePath, Utf8);

        var result = await OfflineVerifier.VerifyAsync(reader, SampleHead, AuditChain.Genesis, TestContext.Current.CancellationToken);

        result.ShouldBe(new VerificationResult(true, 7, 8, SampleHead, null, null));
    }

    [Fact]
    public void The_python_verifier_of_the_document_accepts_the_sample_export_and_finds_the_same_head()
    {
        var (exit, output) = RunPythonVerifier(File.ReadAllLines(SamplePath, Utf8), SampleHead, AuditChain.Genesis);

        exit.ShouldBe(0, output);
        output.Trim().ShouldBe($"OK: 8 is the last sequence, {SampleHead} the head hash");
    }

    [Fact]
    public void The_python_verifier_of_the_document_rejects_an_altered_event()
    {
        var lines = File.ReadAllLines(SamplePath, Utf8);
        lines[3] = lines[3].Replace("\"quantity\":24", "\"quantity\":25", StringComparison.Ordinal);

        var (exit, output) = RunPythonVerifier(lines, SampleHead);

        exit.ShouldNotBe(0);
        output.ShouldContain("line 4: sequence 5 does not match its hash");
    }

    [Fact]
    public void The_python_verifier_of_the_document_rejects_a_deleted_line()
    {
        var lines = File.ReadAllLines(SamplePath, Utf8).Where((_, i) => i != 2).ToArray();

        var (exit, output) = RunPythonVerifier(lines, SampleHead);

        exit.ShouldNotBe(0);
        output.ShouldContain("line 3: sequence 5 breaks the chain (previousHash or order)");
    }

    [Fact]
    public void The_python_verifier_of_the_document_rejects_a_full_export_missing_its_first_line_when_given_the_genesis_value()
    {
        var lines = File.ReadAllLines(SamplePath, Utf8).Skip(1).ToArray();

        RunPythonVerifier(lines, SampleHead).Exit.ShouldBe(0);
        var (exit, output) = RunPythonVerifier(lines, SampleHead, AuditChain.Genesis);

        exit.ShouldNotBe(0);
        output.ShouldContain("line 1: sequence 2 breaks the chain (previousHash or order)");
    }

    [Fact]
    public void The_python_verifier_of_the_document_agrees_with_the_code_on_random_event_bodies()
    {
        JsonGen.Object.Array[40, 40].Sample(
            bodies =>
            {
                var records = bodies.Select((body, i) => AuditSamples.Synthetic(i + 1) with { Data = body.ToNode() });
                var lines = AuditSamples.Export(records);
                var head = AuditSamples.HashOf(lines[^1]);

                var (exit, output) = RunPythonVerifier([.. lines], head, AuditChain.Genesis);

                exit.ShouldBe(0, output);
                output.Trim().ShouldBe($"OK: 40 is the last sequence, {head} the head hash");
            },
            iter: 10,
            threads: 1);
    }

    [Fact]
    public void The_python_verifier_of_the_document_rejects_a_wrong_head_hash()
    {
        var (exit, output) = RunPythonVerifier(File.ReadAllLines(SamplePath, Utf8), AuditSamples.XiJinpingHash);

        exit.ShouldNotBe(0);
        output.ShouldContain($"head {SampleHead} is not the expected {AuditSamples.XiJinpingHash}");
    }

    [Fact]
    public void The_python_verifier_of_the_document_has_at_most_fifteen_lines()
    {
        PythonVerifier().Split('\n').Length.ShouldBeLessThanOrEqualTo(15);
    }

    [Fact]
    public void The_document_shows_the_worked_example_as_the_code_computes_it()
    {
        var document = File.ReadAllText(DocumentPath, Utf8);
        var hashed = Encoding.UTF8.GetBytes(AuditChain.Genesis + "\n" + AuditSamples.XiJinping.Canonical());
        var hex = Convert.ToHexStringLower(hashed);
        var hexLines = string.Join("\n", Enumerable.Range(0, (hex.Length + 63) / 64).Select(i => hex.Substring(i * 64, Math.Min(64, hex.Length - (i * 64)))));

        document.ShouldContain(AuditSamples.XiJinpingCanonical);
        document.ShouldContain(AuditSamples.XiJinpingHash);
        document.ShouldContain(AuditSamples.VladimirPutinCanonical);
        document.ShouldContain(AuditSamples.VladimirPutinHash);
        document.ShouldContain($"{hashed.Length} bytes");
        document.ShouldContain(hexLines);
        document.ShouldContain(AuditLine.Format(AuditSamples.XiJinping, AuditChain.Genesis, AuditSamples.XiJinpingHash));
        document.ShouldContain(SampleHead);
    }

    private static string PythonVerifier()
    {
        var document = File.ReadAllText(DocumentPath, Utf8);
        var start = document.IndexOf("```python\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "the document has a ```python block");
        start += "```python\n".Length;
        var end = document.IndexOf("\n```", start, StringComparison.Ordinal);
        return document[start..end];
    }

    private static (int Exit, string Output) RunPythonVerifier(string[] lines, params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("audit-verifier-");
        try
        {
            var script = Path.Combine(directory.FullName, "verify_audit.py");
            var export = Path.Combine(directory.FullName, "export.ndjson");
            File.WriteAllText(script, PythonVerifier() + "\n", Utf8);
            File.WriteAllText(export, string.Concat(lines.Select(line => line + "\n")), Utf8);

            var start = new ProcessStartInfo("python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Utf8,
                StandardErrorEncoding = Utf8,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(export);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PYTHONIOENCODING"] = "utf-8";
            using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            var stdout = python.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = python.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!python.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                python.Kill();
                throw new TimeoutException("The Python verifier ran for more than a minute.");
            }

            return (python.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SinoRussiaTimeline.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SinoRussiaTimeline.sln above {AppContext.BaseDirectory}.");
    }
}
