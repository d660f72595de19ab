using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SinoRussiaTimeline.Writes;
using YamlDotNet.RepresentationModel;

namespace SinoRussiaTimeline.Tests.Deployment;

/// <summary>
/// Reads every YAML file under deploy/ (docker-compose.yml and the Kubernetes manifests of deploy/k8s) and checks what a
/// deployment relies on: probes on the health routes, resources, a non-root user, three replicas with a disruption
/// budget and an autoscaler, secrets that are templates only, and a three-instance PostgreSQL cluster.
/// </summary>
public sealed partial class ManifestTests
{
    private static readonly string Root = FindRoot();
    private static readonly string DeployDir = Path.Combine(Root, "deploy");
    private static readonly IReadOnlyList<Manifest> Documents = LoadAll();

    [Fact]
    public void Every_YAML_file_under_deploy_parses_and_the_expected_ones_are_there()
    {
        var files = Documents.Select(d => Relative(d.File)).Distinct().ToList();
        files.ShouldContain("deploy/docker-compose.yml");
        files.ShouldContain("deploy/k8s/kustomization.yaml");
        foreach (var kind in new[] { "Namespace", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Secret", "Cluster" })
        {
            Kubernetes().ShouldContain(d => d.Kind == kind, $"no {kind} under deploy/");
        }
    }

    [Fact]
    public void Kustomization_lists_every_manifest_but_the_secret_template()
    {
        var kustomization = Documents.Single(d => Relative(d.File) == "deploy/k8s/kustomization.yaml").Root;
        var listed = Sequence(kustomization, "resources").Select(Scalar).ToHashSet();
        var manifests = Directory.GetFiles(Path.Combine(DeployDir, "k8s"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(name => name is not "kustomization.yaml")
            .ToList();
        foreach (var name in manifests)
        {
            if (name == "secret.example.yaml")
            {
                listed.ShouldNotContain(name, "applying the kustomization would overwrite the real Secrets with placeholders");
            }
            else
            {
                listed.ShouldContain(name!, $"kustomization.yaml does not list {name}");
            }
        }
        foreach (var name in listed)
        {
            File.Exists(Path.Combine(DeployDir, "k8s", name)).ShouldBeTrue($"kustomization.yaml lists {name}, which does not exist");
        }
    }

    [Fact]
    public void Every_Deployment_probes_readiness_and_liveness_on_the_health_routes_of_its_container_port()
    {
        foreach (var deployment in Deployments())
        {
            foreach (var container in Containers(deployment))
            {
                var name = Scalar(container, "name");
                var ports = Sequence(container, "ports").Cast<YamlMappingNode>()
                    .Select(p => (Name: Optional(p, "name"), Port: Scalar(p, "containerPort")))
                    .ToList();
                ports.ShouldNotBeEmpty($"container {name} declares no port");

                foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
                {
                    var httpGet = Mapping(Mapping(container, probe), "httpGet");
                    Scalar(httpGet, "path").ShouldBe(path, $"{name}.{probe}");
                    var port = Scalar(httpGet, "port");
                    ports.ShouldContain(p => p.Port == port || p.Name == port, $"{name}.{probe} probes port {port}, which the container does not declare");
                }
            }
        }
    }

    [Fact]
    public void Every_Deployment_sets_resource_requests_and_limits()
    {
        foreach (var deployment in Deployments())
        {
            foreach (var container in Containers(deployment))
            {
                var resources = Mapping(container, "resources");
                foreach (var bound in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Scalar(Mapping(resources, bound), resource).ShouldNotBeNullOrWhiteSpace($"{Scalar(container, "name")}: resources.{bound}.{resource}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_Deployment_runs_as_non_root_with_a_read_only_root_filesystem()
    {
        foreach (var deployment in Deployments())
        {
            var podSpec = PodSpec(deployment);
            var podNonRoot = Optional(Child(podSpec, "securityContext") as YamlMappingNode, "runAsNonRoot") == "true";
            foreach (var container in Containers(deployment))
            {
                var context = Child(container, "securityContext") as YamlMappingNode;
                var containerNonRoot = Optional(context, "runAsNonRoot");
                (containerNonRoot == "true" || (podNonRoot && containerNonRoot is null)).ShouldBeTrue($"{Scalar(container, "name")} may run as root");
                Optional(context, "readOnlyRootFilesystem").ShouldBe("true");
                Optional(context, "allowPrivilegeEscalation").ShouldBe("false");
            }
        }
    }

    [Fact]
    public void Every_Deployment_has_three_replicas_a_disruption_budget_and_an_autoscaler()
    {
        foreach (var deployment in Deployments())
        {
            var name = Name(deployment);
            Scalar(deployment.Root, "spec", "replicas").ShouldBe("3", $"Deployment {name}");
            var podLabels = Labels(Mapping(Mapping(Mapping(deployment.Root, "spec"), "template"), "metadata"));

            var budgets = Kubernetes().Where(d => d.Kind == "PodDisruptionBudget" && d.Namespace == deployment.Namespace
                && Selects(Mapping(Mapping(d.Root, "spec"), "selector"), podLabels)).ToList();
            budgets.ShouldHaveSingleItem($"one PodDisruptionBudget should select the pods of Deployment {name}");
            var budget = Mapping(budgets[0].Root, "spec");
            var minAvailable = Optional(budget, "minAvailable");
            var maxUnavailable = Optional(budget, "maxUnavailable");
            (minAvailable == "2" || maxUnavailable == "1").ShouldBeTrue($"the budget of {name} should keep two of three pods (minAvailable 2 or maxUnavailable 1)");

            var autoscalers = Kubernetes().Where(d => d.Kind == "HorizontalPodAutoscaler" && d.Namespace == deployment.Namespace
                && Scalar(d.Root, "spec", "scaleTargetRef", "kind") == "Deployment"
                && Scalar(d.Root, "spec", "scaleTargetRef", "name") == name).ToList();
            autoscalers.ShouldHaveSingleItem($"one HorizontalPodAutoscaler should target Deployment {name}");
            var autoscaler = autoscalers[0];
            Scalar(autoscaler.Root, "apiVersion").ShouldBe("autoscaling/v2");
            int.Parse(Scalar(autoscaler.Root, "spec", "minReplicas"), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(3);
            Sequence(Mapping(autoscaler.Root, "spec"), "metrics").Cast<YamlMappingNode>()
                .ShouldContain(m => Optional(m, "type") == "Resource" && Scalar(m, "resource", "name") == "cpu", "the autoscaler scales on CPU");
        }
    }

    [Fact]
    public void The_service_reads_its_connection_string_and_key_hashes_from_a_Secret()
    {
        var secretNames = Kubernetes().Where(d => d.Kind == "Secret").Select(Name).ToHashSet();
        foreach (var deployment in Deployments())
        {
            foreach (var container in Containers(deployment))
            {
                var env = Sequence(container, "env").Cast<YamlMappingNode>().ToList();
                var secretEnv = env.Where(e => Scalar(e, "name") == "ConnectionStrings__Timeline" || Scalar(e, "name").EndsWith("__Sha256", StringComparison.Ordinal)).ToList();
                secretEnv.ShouldContain(e => Scalar(e, "name") == "ConnectionStrings__Timeline");
                secretEnv.ShouldContain(e => Scalar(e, "name").EndsWith("__Sha256", StringComparison.Ordinal));
                foreach (var variable in secretEnv)
                {
                    Child(variable, "value").ShouldBeNull($"{Scalar(variable, "name")} is written in the manifest");
                    var reference = Mapping(Mapping(variable, "valueFrom"), "secretKeyRef");
                    secretNames.ShouldContain(Scalar(reference, "name"), $"{Scalar(variable, "name")} reads a Secret the template does not show");
                }
            }
        }
    }

    [Fact]
    public void No_Secret_under_deploy_holds_a_real_looking_value()
    {
        var secrets = Kubernetes().Where(d => d.Kind == "Secret").ToList();
        secrets.ShouldNotBeEmpty();
        foreach (var secret in secrets)
        {
            foreach (var section in new[] { "stringData", "data" })
            {
                if (Child(secret.Root, section) is not YamlMappingNode values)
                {
                    continue;
                }
                foreach (var (key, node) in values.Children)
                {
                    var value = Scalar(node);
                    if (section == "data")
                    {
                        value = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                    }
                    var problem = SecretProblem(Scalar(key), value);
                    problem.ShouldBeNull($"Secret {Name(secret)}, {section}.{Scalar(key)} in {Relative(secret.File)}");
                }
            }
        }
    }

    [Theory]
    [InlineData("password", "CHANGE_ME", null)]
    [InlineData("editor-key-sha256", "<sha256 of the editor key>", null)]
    [InlineData("username", "timeline", null)]
    [InlineData("connection-string", "Host=db;Password=CHANGE_ME;Maximum Pool Size=25", null)]
    [InlineData("password", "hunter2", "not a placeholder")]
    [InlineData("editor-key-sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "not a placeholder")]
    [InlineData("note", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a SHA-256")]
    [InlineData("note", "srt_Zm9vYmFyYmF6cXV4", "an API key")]
    [InlineData("connection-string", "Host=db;Password=s3cr3t;Database=timeline", "a password")]
    [InlineData("token", "<a token>", null)]
    [InlineData("anything", "dGhpc2lzYXJlYWxseWxvbmdzZWNyZXQ", "looks like a secret")]
    public void The_secret_check_tells_placeholders_from_real_values(string key, string value, string? problem)
    {
        var found = SecretProblem(key, value);
        if (problem is null)
        {
            found.ShouldBeNull();
        }
        else
        {
            found.ShouldNotBeNull().ShouldContain(problem);
        }
    }

    [Fact]
    public void No_file_under_deploy_holds_an_API_key_or_a_key_hash()
    {
        foreach (var file in Directory.GetFiles(DeployDir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".env"))
        {
            var text = File.ReadAllText(file);
            ApiKey().IsMatch(text).ShouldBeFalse($"{Relative(file)} holds something like an API key");
            Sha256Hex().IsMatch(text).ShouldBeFalse($"{Relative(file)} holds something like a SHA-256");
        }
        var example = File.ReadAllLines(Path.Combine(DeployDir, ".env.example"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToList();
        example.ShouldContain(v => v.Key == "POSTGRES_PASSWORD");
        foreach (var (key, value) in example.Where(v => SensitiveKey().IsMatch(v.Key)))
        {
            IsPlaceholder(value).ShouldBeTrue($"deploy/.env.example: {key} should be a placeholder");
        }
    }

    [Fact]
    public void The_env_file_with_the_real_secrets_is_ignored_by_git()
    {
        File.ReadAllLines(Path.Combine(Root, ".gitignore")).Select(l => l.Trim()).ShouldContain("deploy/.env");
    }

    [Fact]
    public void Every_compose_service_has_a_healthcheck_and_waits_for_healthy_dependencies()
    {
        var services = ComposeServices();
        services.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var (name, service) in services)
        {
            var test = Child(Mapping(service, "healthcheck"), "test");
            test.ShouldNotBeNull($"compose service {name} has no healthcheck test");
            if (Child(service, "depends_on") is YamlMappingNode dependencies)
            {
                foreach (var (dependency, condition) in dependencies.Children)
                {
                    Scalar((YamlMappingNode)condition, "condition").ShouldBe("service_healthy", $"{name} depends on {Scalar(dependency)}");
                }
            }
        }
        var db = services["db"];
        Scalar(db, "image").ShouldStartWith("postgres:15");
        Flatten(Child(Mapping(db, "healthcheck"), "test")!).ShouldContain("pg_isready");
        Child(db, "volumes").ShouldNotBeNull("the database keeps its data in a named volume");
    }

    [Fact]
    public void The_compose_nodes_are_ready_checked_and_take_their_secrets_from_interpolation()
    {
        var nodes = ComposeNodes();
        nodes.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var (name, node) in nodes)
        {
            Flatten(Child(Mapping(node, "healthcheck"), "test")!).Contains("/health/ready", StringComparison.Ordinal).ShouldBeTrue($"{name} healthcheck");
            Child(node, "depends_on").ShouldBeOfType<YamlMappingNode>().Children.Keys.Select(Scalar).ShouldContain("db");
            var environment = Environment(node);
            environment.ShouldContainKey("ConnectionStrings__Timeline");
            environment.Keys.ShouldContain(k => k.EndsWith("__Sha256", StringComparison.Ordinal), $"{name} has no API key hash");
            foreach (var (key, value) in environment)
            {
                if (key == "ConnectionStrings__Timeline")
                {
                    PasswordInConnectionString().Match(value).Groups[1].Value.ShouldMatch(RequiredInterpolation().ToString(), $"{name}: the password in the connection string");
                }
                else if (SensitiveKey().IsMatch(key))
                {
                    value.ShouldMatch($"^{RequiredInterpolation()}$", $"{name}: {key}");
                }
                SecretProblem(key, value).ShouldBeNull($"{name}: {key}");
            }
        }
        Environment(ComposeServices()["db"])["POSTGRES_PASSWORD"].ShouldMatch($"^{RequiredInterpolation()}$");
    }

    [Fact]
    public void The_compose_proxy_balances_every_node_and_passes_the_client_address()
    {
        var services = ComposeServices();
        var proxy = services.Single(s => s.Key == "proxy").Value;
        var mount = Sequence(proxy, "volumes").Select(Scalar).Single(v => v.Contains("nginx", StringComparison.Ordinal));
        var configFile = Path.GetFullPath(Path.Combine(DeployDir, mount.Split(':')[0]));
        File.Exists(configFile).ShouldBeTrue($"the proxy mounts {mount}, which is not committed");
        var config = File.ReadAllText(configFile);
        foreach (var (name, _) in ComposeNodes())
        {
            config.ShouldContain($"server {name}:8080");
        }
        config.ShouldContain("X-Forwarded-For $remote_addr", Case.Sensitive, "the edge proxy sends the address it saw, never a header the client wrote");
        Child(proxy, "depends_on").ShouldBeOfType<YamlMappingNode>().Children.Keys.Select(Scalar)
            .ShouldBe(ComposeNodes().Keys, ignoreOrder: true);
    }

    [Fact]
    public void The_CloudNativePG_Cluster_has_three_PostgreSQL_15_instances_and_its_bootstrap_secret()
    {
        var cluster = Kubernetes().Single(d => d.Kind == "Cluster");
        Scalar(cluster.Root, "apiVersion").ShouldBe("postgresql.cnpg.io/v1");
        Scalar(cluster.Root, "spec", "instances").ShouldBe("3");
        Scalar(cluster.Root, "spec", "imageName").ShouldMatch(@":15(\.\d+)?$");
        Scalar(cluster.Root, "spec", "storage", "size").ShouldNotBeNullOrWhiteSpace();
        var secret = Scalar(cluster.Root, "spec", "bootstrap", "initdb", "secret", "name");
        Kubernetes().ShouldContain(d => d.Kind == "Secret" && Name(d) == secret && Scalar(d.Root, "type") == "kubernetes.io/basic-auth");
    }

    [Fact]
    public void Connection_pools_at_the_autoscalers_ceiling_fit_in_the_database()
    {
        var cluster = Kubernetes().Single(d => d.Kind == "Cluster");
        var maxConnections = int.Parse(Scalar(cluster.Root, "spec", "postgresql", "parameters", "max_connections"), CultureInfo.InvariantCulture);
        var connectionString = Kubernetes().Where(d => d.Kind == "Secret")
            .Select(d => Child(d.Root, "stringData") as YamlMappingNode)
            .Select(values => Optional(values, "connection-string"))
            .Single(v => v is not null)!;
        // Each pod: the service's pool (the connection string's Maximum Pool Size) and the group commit writers' own.
        var poolSize = int.Parse(PoolSize().Match(connectionString).Groups[1].Value, CultureInfo.InvariantCulture)
            + GroupCommitConnections.MaxConnections(new GroupCommitOptions());
        foreach (var autoscaler in Kubernetes().Where(d => d.Kind == "HorizontalPodAutoscaler"))
        {
            var maxReplicas = int.Parse(Scalar(autoscaler.Root, "spec", "maxReplicas"), CultureInfo.InvariantCulture);
            // One more pod during a rolling update (maxSurge 1).
            ((maxReplicas + 1) * poolSize).ShouldBeLessThanOrEqualTo(maxConnections, "(Maximum Pool Size + the writers' pool) x pods must stay under max_connections");
        }
    }

    // --- the secret check ---

    private static string? SecretProblem(string key, string value)
    {
        if (IsPlaceholder(value) || value.StartsWith("${", StringComparison.Ordinal))
        {
            return null;
        }
        if (ApiKey().IsMatch(value))
        {
            return "holds an API key";
        }
        if (Sha256Hex().IsMatch(value) && !SensitiveKey().IsMatch(key))
        {
            return "holds a SHA-256";
        }
        if (SensitiveKey().IsMatch(key))
        {
            return $"{key} is not a placeholder (CHANGE_ME or <...>)";
        }
        var password = PasswordInConnectionString().Match(value);
        if (password.Success && !IsPlaceholder(password.Groups[1].Value) && !RequiredInterpolation().IsMatch(password.Groups[1].Value))
        {
            return "holds a password in a connection string";
        }
        if (TokenLike().IsMatch(value))
        {
            return "looks like a secret";
        }
        return null;
    }

    private static bool IsPlaceholder(string value) => value == "CHANGE_ME" || AngleBracketPlaceholder().IsMatch(value);

    [GeneratedRegex(@"^<[^<>]+>$")]
    private static partial Regex AngleBracketPlaceholder();

    [GeneratedRegex(@"srt_[A-Za-z0-9_\-]{8,}")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"\b[0-9a-fA-F]{64}\b")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex(@"password|secret|token|sha256", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveKey();

    [GeneratedRegex(@"Password=([^;""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"\$\{[A-Z0-9_]+:\?[^}]*\}")]
    private static partial Regex RequiredInterpolation();

    [GeneratedRegex(@"^[A-Za-z0-9+/=_\-]{24,}$")]
    private static partial Regex TokenLike();

    [GeneratedRegex(@"Maximum Pool Size=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PoolSize();

    // --- loading ---

    private sealed record Manifest(string File, YamlMappingNode Root)
    {
        public string? Kind => Optional(Root, "kind");
        public string? Namespace => Child(Root, "metadata") is YamlMappingNode metadata ? Optional(metadata, "namespace") : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SinoRussiaTimeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No SinoRussiaTimeline.sln above {AppContext.BaseDirectory}");
    }

    private static List<Manifest> LoadAll()
    {
        var files = Directory.GetFiles(DeployDir, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var documents = new List<Manifest>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }
            foreach (var document in stream.Documents)
            {
                // An empty document (a file of comments before the first ---) has an empty scalar root.
                if (document.RootNode is YamlMappingNode root)
                {
                    documents.Add(new Manifest(file, root));
                }
            }
        }
        documents.ShouldNotBeEmpty();
        return documents;
    }

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    private static IEnumerable<Manifest> Kubernetes() => Documents.Where(d => Child(d.Root, "apiVersion") is not null && d.Kind is not null);

    private static List<Manifest> Deployments()
    {
        var deployments = Kubernetes().Where(d => d.Kind == "Deployment").ToList();
        deployments.ShouldNotBeEmpty();
        return deployments;
    }

    private static YamlMappingNode PodSpec(Manifest deployment) => Mapping(Mapping(Mapping(deployment.Root, "spec"), "template"), "spec");

    private static List<YamlMappingNode> Containers(Manifest deployment)
    {
        var containers = Sequence(PodSpec(deployment), "containers").Cast<YamlMappingNode>().ToList();
        containers.ShouldNotBeEmpty();
        return containers;
    }

    private static string Name(Manifest manifest) => Scalar(manifest.Root, "metadata", "name");

    private static Dictionary<string, string> Labels(YamlMappingNode metadata) =>
        Mapping(metadata, "labels").Children.ToDictionary(c => Scalar(c.Key), c => Scalar(c.Value));

    private static bool Selects(YamlMappingNode selector, Dictionary<string, string> labels)
    {
        var matchLabels = Mapping(selector, "matchLabels").Children;
        return matchLabels.Count > 0 && matchLabels.All(c => labels.TryGetValue(Scalar(c.Key), out var v) && v == Scalar(c.Value));
    }

    private static Dictionary<string, YamlMappingNode> ComposeServices()
    {
        var compose = Documents.Single(d => Relative(d.File) == "deploy/docker-compose.yml").Root;
        return Mapping(compose, "services").Children.ToDictionary(c => Scalar(c.Key), c => (YamlMappingNode)c.Value);
    }

    /// <summary>The services that run the SinoRussiaTimeline image: those that build it or use the image built.</summary>
    private static Dictionary<string, YamlMappingNode> ComposeNodes() =>
        ComposeServices()
            .Where(s => Child(s.Value, "build") is not null || (Optional(s.Value, "image") ?? "").StartsWith("sinorussiatimeline", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value);

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        Child(service, "environment") switch
        {
            YamlMappingNode map => map.Children.ToDictionary(c => Scalar(c.Key), c => Scalar(c.Value)),
            YamlSequenceNode list => list.Children.Select(Scalar).ToDictionary(
                item => item.Split('=', 2)[0], item => item.Contains('=', StringComparison.Ordinal) ? item.Split('=', 2)[1] : ""),
            _ => [],
        };

    // --- YAML helpers ---

    private static YamlNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        Child(node, key) as YamlMappingNode ?? throw new ShouldAssertException($"no mapping '{key}' in {node.Start}");

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        (Child(node, key) as YamlSequenceNode ?? throw new ShouldAssertException($"no list '{key}' in {node.Start}")).Children;

    private static string Scalar(YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw new ShouldAssertException($"not a scalar at {node.Start}");

    private static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = Child(current as YamlMappingNode, key) ?? throw new ShouldAssertException($"no '{string.Join('.', path)}' in {node.Start}");
        }
        return Scalar(current);
    }

    private static string? Optional(YamlMappingNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static string Flatten(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode list => string.Join(' ', list.Children.Select(Flatten)),
        _ => node.ToString(),
    };
}
