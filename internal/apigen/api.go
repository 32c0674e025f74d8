package main

import (
	"fmt"
	"go/types"
	"strings"
)

// packageAPI returns one line per exported identifier of pkg: constants,
// variables, functions, types, their exported fields and interface
// methods, and the exported methods of exported types.
func packageAPI(pkg *types.Package) []string {
	w := apiWriter{pkg: pkg, prefix: "pkg " + pkg.Path() + ", "}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.Const:
			w.line("const %s %s", name, w.typ(o.Type()))
		case *types.Var:
			w.line("var %s %s", name, w.typ(o.Type()))
		case *types.Func:
			w.line("func %s%s", name, w.sig(o.Type().(*types.Signature)))
		case *types.TypeName:
			w.typeName(o)
		}
	}
	return w.lines
}

type apiWriter struct {
	pkg    *types.Package
	prefix string
	lines  []string
}

func (w *apiWriter) line(format string, args ...any) {
	w.lines = append(w.lines, w.prefix+fmt.Sprintf(format, args...))
}

// qualifier names other packages by their name, as Go's api files do.
func (w *apiWriter) qualifier(p *types.Package) string {
	if p == w.pkg {
		return ""
	}
	return p.Name()
}

func (w *apiWriter) typ(t types.Type) string { return types.TypeString(t, w.qualifier) }

// sig formats a signature without parameter names.
func (w *apiWriter) sig(s *types.Signature) string {
	var b strings.Builder
	if tp := s.TypeParams(); tp != nil && tp.Len() > 0 {
		b.WriteString(w.typeParams(tp))
	}
	b.WriteString("(")
	for i := 0; i < s.Params().Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		t := s.Params().At(i).Type()
		if s.Variadic() && i == s.Params().Len()-1 {
			b.WriteString("..." + w.typ(t.(*types.Slice).Elem()))
			continue
		}
		b.WriteString(w.typ(t))
	}
	b.WriteString(")")
	switch r := s.Results(); r.Len() {
	case 0:
	case 1:
		b.WriteString(" " + w.typ(r.At(0).Type()))
	default:
		b.WriteString(" (")
		for i := 0; i < r.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(w.typ(r.At(i).Type()))
		}
		b.WriteString(")")
	}
	return b.String()
}

func (w *apiWriter) typeParams(tp *types.TypeParamList) string {
	parts := make([]string, tp.Len())
	for i := range parts {
		p := tp.At(i)
		parts[i] = p.Obj().Name() + " " + w.typ(p.Constraint())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (w *apiWriter) typeName(o *types.TypeName) {
	name := o.Name()
	if o.IsAlias() {
		w.line("type %s = %s", name, w.typ(types.Unalias(o.Type())))
		return
	}
	named, ok := o.Type().(*types.Named)
	if !ok {
		w.line("type %s %s", name, w.typ(o.Type()))
		return
	}
	if tp := named.TypeParams(); tp != nil && tp.Len() > 0 {
		name += w.typeParams(tp)
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		w.line("type %s struct", name)
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			switch {
			case !f.Exported():
			case f.Embedded():
				w.line("type %s struct, embedded %s", name, w.typ(f.Type()))
			default:
				w.line("type %s struct, %s %s", name, f.Name(), w.typ(f.Type()))
			}
		}
	case *types.Interface:
		var names []string
		for i := 0; i < u.NumExplicitMethods(); i++ {
			m := u.ExplicitMethod(i)
			names = append(names, m.Name())
			if m.Exported() {
				w.line("type %s interface, %s%s", name, m.Name(), w.sig(m.Type().(*types.Signature)))
			}
		}
		for i := 0; i < u.NumEmbeddeds(); i++ {
			w.line("type %s interface, embedded %s", name, w.typ(u.EmbeddedType(i)))
		}
		w.line("type %s interface { %s }", name, strings.Join(names, ", "))
	default:
		w.line("type %s %s", name, w.typ(u))
	}
	for i := 0; i < named.NumMethods(); i++ {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		recv := w.typ(sig.Recv().Type())
		w.line("method (%s) %s%s", recv, m.Name(), w.sig(sig))
	}
}
