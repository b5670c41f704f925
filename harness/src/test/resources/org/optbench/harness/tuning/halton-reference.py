# Writes halton-reference.txt: python3 halton-reference.py > halton-reference.txt
# Independent reference for HaltonTest: the radical inverse with exact fractions, then one rounding to float.
from fractions import Fraction
import math
PRIMES=[2,3,5,7,11]
def radical(i, b, perm):
    x=Fraction(0); f=Fraction(1,b)
    while i>0:
        x+=perm[i%b]*f; i//=b; f/=b
    return x
def point(i, dims, perms, shifts):
    out=[]
    for k in range(dims):
        r=float(radical(i,PRIMES[k],perms[k]))
        out.append(math.fmod(r+shifts[k],1.0))
    return out
ident=[list(range(p)) for p in PRIMES]
import sys
for dims in (2,5):
    print("plain",dims)
    for i in range(1,21):
        print(", ".join(repr(v) for v in point(i,dims,ident,[0.0]*dims)))
perms=[[0,1],[0,2,1],[0,3,1,4,2],[0,6,2,5,1,4,3],[0,7,3,10,1,9,5,2,8,4,6]]
shifts=[0.25,0.6180339887498949,0.1,0.9,0.5]
print("scrambled",5)
for i in range(1,21):
    print(", ".join(repr(v) for v in point(i,5,perms,shifts)))
