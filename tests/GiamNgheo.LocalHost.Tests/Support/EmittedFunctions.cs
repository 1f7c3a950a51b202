using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>One parameter of an emitted function: its type, name and (trigger or binding) attribute.</summary>
public sealed record EmittedParameter(Type Type, string Name, CustomAttributeBuilder? Attribute = null)
{
    public static EmittedParameter Queue(Type type, string name = "message") =>
        new(type, name, Build<QueueTriggerAttribute>([typeof(string)], ["rescore"]));

    public static EmittedParameter Blob(Type type, string name = "blob") =>
        new(type, name, Build<BlobTriggerAttribute>([typeof(string)], ["surveys/{name}"]));

    public static EmittedParameter Timer(Type type, string name = "timer") =>
        new(type, name, Build<TimerTriggerAttribute>([typeof(string)], ["0 */5 * * * *"]));

    public static EmittedParameter Http(Type type, string name = "request") =>
        new(type, name, Build<HttpTriggerAttribute>([typeof(string[])], [GetOnly]));

    private static readonly string[] GetOnly = ["get"];

    private static CustomAttributeBuilder Build<T>(Type[] signature, object[] arguments) =>
        new(typeof(T).GetConstructor(signature) ?? throw new MissingMethodException(typeof(T).Name, ".ctor"), arguments);
}

/// <summary>
/// Builds, in memory, an assembly holding functions the Functions SDK's analyzers would refuse to compile here (two triggers,
/// a parameter nobody can bind): the catalog reads compiled assemblies, and each broken declaration needs an assembly of its
/// own because discovery stops at the first error.
/// </summary>
public static class EmittedFunctions
{
    /// <summary>An assembly with one public class holding one <c>[Function]</c> method per entry.</summary>
    public static Assembly Assembly(params (string Name, EmittedParameter[] Parameters)[] functions)
    {
        var name = $"Emitted{Guid.NewGuid():N}";
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        var type = assembly.DefineDynamicModule(name).DefineType($"{name}.Functions", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        var functionConstructor = typeof(FunctionAttribute).GetConstructor([typeof(string)])!;
        var index = 0;
        foreach (var (functionName, parameters) in functions)
        {
            var method = type.DefineMethod($"Run{index++}", MethodAttributes.Public, typeof(void), [.. parameters.Select(p => p.Type)]);
            method.SetCustomAttribute(new CustomAttributeBuilder(functionConstructor, [functionName]));
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = method.DefineParameter(i + 1, ParameterAttributes.None, parameters[i].Name);
                if (parameters[i].Attribute is { } attribute)
                    parameter.SetCustomAttribute(attribute);
            }

            method.GetILGenerator().Emit(OpCodes.Ret);
        }

        type.CreateType();
        using var image = new MemoryStream();
        assembly.Save(image);
        image.Position = 0;
        // A context of its own that falls back to the default one, so the attribute types are the ones the catalog compares with.
        return new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(image);
    }
}
