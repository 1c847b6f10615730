// Every part of this library speaks the official client's object model.
global using k8s;
global using k8s.Models;
