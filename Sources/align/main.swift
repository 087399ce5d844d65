import ParallelText
print(icuVersion)
