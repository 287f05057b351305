print("steady-loadgen: not yet built")
