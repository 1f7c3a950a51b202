using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>One function: a folder holding a function.json; the folder name is the function name the host posts to.</summary>
public sealed class FunctionDefinition
{
    /// <summary>Function name (= folder name); the host invokes <c>POST /{Name}</c> on the handler.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the function.json this definition was read from.</summary>
    public required string FilePath { get; init; }

    /// <summary>The bindings in file order.</summary>
    public required IReadOnlyList<BindingDefinition> Bindings { get; init; }

    /// <summary>function.json <c>"disabled": true</c>: the function is not triggered.</summary>
    public bool Disabled { get; init; }

    /// <summary>The trigger binding, or <see langword="null"/> when the function has none or several (the host refuses both).</summary>
    public BindingDefinition? Trigger
    {
        get
        {
            var triggers = Bindings.Where(binding => binding.IsTrigger).Take(2).ToList();
            return triggers.Count == 1 ? triggers[0] : null;
        }
    }

    /// <summary>
    /// Whether the function is exactly one <c>httpTrigger</c> input and one <c>http</c> output: only such functions are
    /// forwarded as plain HTTP under <c>enableForwardingHttpRequest</c> (the host's <c>IsHttpInAndOutFunction</c>).
    /// </summary>
    public bool IsHttpInAndOut
    {
        get
        {
            var inputs = Bindings.Where(binding => binding.IsInput).ToList();
            var outputs = Bindings.Where(binding => binding.IsOutput).ToList();
            return inputs.Count == 1 && outputs.Count == 1 && inputs[0].HasType("httpTrigger") && outputs[0].HasType("http");
        }
    }

    internal static FunctionDefinition Load(string filePath)
    {
        using var document = FunctionAppDefinition.ParseFile(filePath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FunctionAppDefinitionException($"{filePath}: expected a JSON object.");

        if (!JsonValues.TryGetProperty(root, "bindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array)
            throw new FunctionAppDefinitionException($"{filePath}: \"bindings\" must be an array.");

        bool disabled;
        try
        {
            disabled = JsonValues.TryGetProperty(root, "disabled", out var value) && (JsonValues.Boolean(value) ?? false);
        }
        catch (FormatException e)
        {
            throw new FunctionAppDefinitionException($"{filePath}: disabled: {e.Message}.", e);
        }

        return new FunctionDefinition
        {
            Name = Path.GetFileName(Path.GetDirectoryName(filePath)!),
            FilePath = filePath,
            Bindings = [.. bindings.EnumerateArray().Select((binding, index) => BindingDefinition.Parse(binding, filePath, index))],
            Disabled = disabled,
        };
    }
}
