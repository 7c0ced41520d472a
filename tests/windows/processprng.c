/* A stand-in for Windows's bcryptprimitives.dll, for the end-to-end test under wine only,
 * never shipped: Rust's standard library takes its random bytes from ProcessPrng, which
 * Windows 10 and 11 have and Debian's wine 8 lacks, so conseil.exe would not start there.
 * RtlGenRandom (exported by advapi32 as SystemFunction036) gives the same kind of bytes. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG: a larger request is served in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
