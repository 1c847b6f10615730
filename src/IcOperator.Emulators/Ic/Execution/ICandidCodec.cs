namespace IcOperator.Emulators.Ic.Execution;

/// <summary>The Candid the emulator needs to play a test module: encoding reply text, checking init arguments.</summary>
internal interface ICandidCodec
{
    /// <summary>The Candid bytes of a text value such as <c>("hello", 42 : nat)</c>; <see cref="FormatException"/> when it does not parse.</summary>
    byte[] EncodeText(string candidText);

    /// <summary>Throws <see cref="FormatException"/> with the reason when <paramref name="arg"/> does not decode as <paramref name="candidTypes"/>.</summary>
    void CheckArgs(byte[] arg, string candidTypes);

    /// <summary>
    /// Throws <see cref="FormatException"/> when <paramref name="arg"/> does not decode as the arguments of
    /// <paramref name="method"/> in a <c>candid:service</c> text (its init arguments when <paramref name="method"/> is null).
    /// A service text that does not parse, or that does not name the method, checks nothing: the canister's own code
    /// would decode with types the emulator cannot know.
    /// </summary>
    void CheckServiceArgs(byte[] arg, string candidService, string? method);
}
