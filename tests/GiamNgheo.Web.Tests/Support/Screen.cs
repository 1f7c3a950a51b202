namespace GiamNgheo.Web.Tests.Support;

/// <summary>The screens the tests use: a commune officer's phone and an office desktop.</summary>
public enum Screen
{
    /// <summary>390×844, touch: a common phone, the commune officer's usual device.</summary>
    Phone,

    /// <summary>1280×800: a province office's desktop.</summary>
    Desktop,
}
