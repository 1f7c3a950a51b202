using System.Text.RegularExpressions;
using GiamNgheo.Functions.HostProtocol;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.FunctionDefinitions;

/// <summary>
/// The repository's host.json and function.json files against the rules the Functions host enforces at startup (name rules
/// from the host's <c>Utility</c>), plus the ones this app relies on (forwarded HTTP, binary blob trigger).
/// </summary>
public sealed partial class FunctionJsonLintTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly FunctionAppDefinition App = FunctionAppDefinition.Load(Root);

    public static TheoryData<string> FunctionNames => [.. App.Functions.Select(function => function.Name)];

    [Fact]
    public void Every_function_folder_with_a_function_json_is_loaded()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(Root, "functions"))
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(folders, App.Functions.Select(function => function.Name));
        Assert.NotEmpty(App.Functions);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Function_name_is_one_the_host_accepts(string name)
    {
        Assert.Matches(FunctionName(), name);
        Assert.NotEqual("host", name, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Binding_names_are_letters_and_digits_or_return(string name)
    {
        foreach (var binding in Function(name).Bindings)
            Assert.True(binding.Name == "$return" || BindingName().IsMatch(binding.Name), $"{name}: binding name '{binding.Name}'");
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Function_has_exactly_one_trigger(string name)
    {
        Assert.Single(Function(name).Bindings, binding => binding.IsTrigger);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Http_function_is_forwardable_and_has_a_route(string name)
    {
        var function = Function(name);
        if (function.Trigger?.HasType("httpTrigger") != true)
            return;

        Assert.True(function.IsHttpInAndOut, $"{name} must be exactly one httpTrigger in and one http out to be forwarded");
        Assert.False(string.IsNullOrWhiteSpace(function.Trigger.Route), $"{name} has no route");
        Assert.NotEmpty(function.Trigger.Methods);
    }

    [Fact]
    public void No_two_http_functions_answer_the_same_method_and_route_template()
    {
        var endpoints = App.Functions
            .Where(function => function.Trigger?.HasType("httpTrigger") == true)
            .SelectMany(function => function.Trigger!.Methods.Select(method => (
                Key: $"{method.ToUpperInvariant()} {RouteParameter().Replace(function.Trigger.Route!.Trim('/').ToLowerInvariant(), "{}")}",
                function.Name)))
            .GroupBy(endpoint => endpoint.Key)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(endpoint => endpoint.Name))}");

        Assert.Empty(endpoints);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Storage_triggers_name_their_connection(string name)
    {
        var trigger = Function(name).Trigger!;
        if (trigger.HasType("queueTrigger") || trigger.HasType("blobTrigger"))
            Assert.False(string.IsNullOrWhiteSpace(trigger.Connection), $"{name} names no connection");
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Blob_trigger_reads_the_blob_as_bytes(string name)
    {
        var trigger = Function(name).Trigger!;
        if (trigger.HasType("blobTrigger"))
            Assert.True(trigger.IsBinary, $"{name}: without \"dataType\": \"binary\" the host decodes the file as UTF-8 text");
    }

    [Fact]
    public void Host_json_is_a_version_2_custom_handler_with_forwarding_and_bundle_4()
    {
        Assert.Equal("2.0", App.Version);
        Assert.NotNull(App.CustomHandler);
        Assert.True(App.CustomHandler.EnableForwardingHttpRequest);
        Assert.StartsWith("handler/", App.CustomHandler.DefaultExecutablePath, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", App.ExtensionBundle?.Id);
        Assert.Equal("[4.*, 5.0.0)", App.ExtensionBundle?.Version);
    }

    private static FunctionDefinition Function(string name) => App.FindFunction(name)!;

    [GeneratedRegex("^[a-z][a-z0-9_\\-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,127}$")]
    private static partial Regex BindingName();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex RouteParameter();
}
