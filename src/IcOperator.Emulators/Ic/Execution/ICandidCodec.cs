namespace IcOperator.Emulators.Ic.Execution;

/// <summary>The Candid the emulator needs to play a test module: encoding reply text, checking init arguments.</summary>
internal interface ICandidCodec
{
    /// <summary>The Candid bytes of a text value such as <c>("hello", 42 : nat)</c>; <see cref="FormatException"/> when it does not parse.</summary>
    byte[] EncodeText(string candidText);

    /// <summary>Throws <see cref="FormatException"/> with the reason when <paramref name="arg"/> does not decode as <paramref name="candidTypes"/>.</summary>
    void CheckArgs(byte[] arg, string candidTypes);
}
