# cython: language_level=3
"""Random numbers shared by the kernels: splitmix64 seeding and xoshiro256++ streams.

Blackman & Vigna (2018), "Scrambled linear pseudorandom number generators". The state of
a stream is four words; they are passed as four pointers so that a kernel can keep many
streams as a structure of arrays (word w of stream i at st[w*n + i]) and vectorise.
Inline: ``cimport``-ed kernels compile these into their own module.
"""

from libc.stdint cimport uint64_t

cdef extern from *:
    """
    #include <stdint.h>
    /* Uniform double in [1, 2) from the top 52 bits (bit pattern, vectorises). */
    static inline double spb_u01p1(uint64_t r) {
        union { uint64_t u; double d; } c;
        c.u = (r >> 12) | UINT64_C(0x3FF0000000000000);
        return c.d;
    }
    static inline uint64_t spb_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    """
    double spb_u01p1(uint64_t r) noexcept nogil
    uint64_t spb_rotl(uint64_t x, int k) noexcept nogil


cdef inline uint64_t splitmix64(uint64_t* x) noexcept nogil:
    """Next output of the splitmix64 sequence (advances ``x``): seeds xoshiro states."""
    x[0] += <uint64_t>0x9E3779B97F4A7C15
    cdef uint64_t z = x[0]
    z = (z ^ (z >> 30)) * <uint64_t>0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) * <uint64_t>0x94D049BB133111EB
    return z ^ (z >> 31)


cdef inline uint64_t xoshiro(uint64_t* s0, uint64_t* s1, uint64_t* s2,
                             uint64_t* s3) noexcept nogil:
    """One xoshiro256++ output of the stream whose words are s0..s3 (advances them)."""
    cdef uint64_t r = spb_rotl(s0[0] + s3[0], 23) + s0[0]
    cdef uint64_t t = s1[0] << 17
    s2[0] ^= s0[0]
    s3[0] ^= s1[0]
    s1[0] ^= s2[0]
    s0[0] ^= s3[0]
    s2[0] ^= t
    s3[0] = spb_rotl(s3[0], 45)
    return r
